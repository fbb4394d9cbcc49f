#include <catch2/catch.hpp>

#include <set>

#include "shell/rc_locations.hpp"

using namespace userpkg;
namespace fs = std::filesystem;

namespace {
FileExists existing(std::set<std::string> names) {
  return [names](const fs::path& p) { return names.count(p.filename().string()) > 0; };
}
const ShellHome home{"/h", std::nullopt, std::nullopt};
}  // namespace

TEST_CASE("bash gets ~/.bashrc plus the first login file that exists", "[shell][rc_locations]") {
  using V = std::vector<fs::path>;
  CHECK(rc_files_for_init(Shell::bash, home, existing({})) == V{"/h/.bashrc", "/h/.bash_profile"});
  CHECK(rc_files_for_init(Shell::bash, home, existing({".profile"})) == V{"/h/.bashrc", "/h/.profile"});
  CHECK(rc_files_for_init(Shell::bash, home, existing({".profile", ".bash_login"})) == V{"/h/.bashrc", "/h/.bash_login"});
  CHECK(rc_files_for_init(Shell::bash, home, existing({".profile", ".bash_profile", ".bash_login"})) ==
        V{"/h/.bashrc", "/h/.bash_profile"});
  CHECK(rc_files_for_deinit(Shell::bash, home) == V{"/h/.bashrc", "/h/.bash_profile", "/h/.bash_login", "/h/.profile"});
}

TEST_CASE("zsh honours ZDOTDIR, fish XDG_CONFIG_HOME, sh reads ~/.profile", "[shell][rc_locations]") {
  using V = std::vector<fs::path>;
  CHECK(rc_files_for_init(Shell::zsh, home, existing({})) == V{"/h/.zshrc"});
  CHECK(rc_files_for_init(Shell::zsh, ShellHome{"/h", fs::path("/z"), std::nullopt}, existing({})) == V{"/z/.zshrc"});
  CHECK(rc_files_for_init(Shell::fish, home, existing({})) == V{"/h/.config/fish/conf.d/userpkg.fish"});
  CHECK(rc_files_for_init(Shell::fish, ShellHome{"/h", std::nullopt, fs::path("/x")}, existing({})) ==
        V{"/x/fish/conf.d/userpkg.fish"});
  CHECK(rc_files_for_init(Shell::sh, home, existing({})) == V{"/h/.profile"});
  CHECK(rc_files_for_deinit(Shell::fish, home) == V{"/h/.config/fish/conf.d/userpkg.fish"});
}
