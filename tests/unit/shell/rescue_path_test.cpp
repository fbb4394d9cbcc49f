#include <catch2/catch.hpp>

#include <fstream>
#include <set>

#include "shell/rescue_path.hpp"
#include "shell/startup_files.hpp"
#include "util/fs.hpp"

using namespace userpkg;

TEST_CASE("rescue PATH: userpkg's bin first, then the system dirs that exist", "[shell][rescue]") {
  std::set<std::string> existing = {"/usr/bin", "/bin", "/p/bin"};
  auto exists = [&](const std::string& d) { return existing.count(d) > 0; };
  CHECK(rescue_path_dirs("/p/bin", exists) == std::vector<std::string>{"/p/bin", "/usr/bin", "/bin"});
  CHECK(rescue_path_dirs("/missing/bin", exists) == std::vector<std::string>{"/usr/bin", "/bin"});
  CHECK(rescue_path_dirs("", exists) == std::vector<std::string>{"/usr/bin", "/bin"});
}

TEST_CASE("rescue lines are quoted for their shell", "[shell][rescue]") {
  CHECK(posix_export_line({"/p/bin", "/usr/bin"}) == "export PATH=/p/bin:/usr/bin");
  CHECK(posix_export_line({"/home/a b/p/bin", "/usr/bin"}) == "export PATH='/home/a b/p/bin:/usr/bin'");
  CHECK(posix_export_line({"/it's/bin"}) == "export PATH='/it'\\''s/bin'");
  CHECK(fish_set_line({"/p/bin", "/usr/bin"}) == "set -gx PATH /p/bin /usr/bin");
  CHECK(fish_set_line({"/a b/bin", "/it's"}) == "set -gx PATH '/a b/bin' '/it\\'s'");
}

TEST_CASE("startup files: every shell's files, in reading order", "[shell][rescue]") {
  StartupDirs dirs{"/h", std::nullopt, std::nullopt};
  auto files = startup_file_candidates(dirs, {"z.fish", "a.fish", "README", ".fish"});
  std::vector<std::string> paths;
  for (auto& f : files) paths.push_back(f.path.string());
  CHECK(paths == std::vector<std::string>{"/h/.bash_profile", "/h/.bash_login", "/h/.profile", "/h/.bashrc",
                                          "/h/.bash_aliases", "/h/.zshenv", "/h/.zprofile", "/h/.zshrc",
                                          "/h/.config/fish/conf.d/a.fish", "/h/.config/fish/conf.d/z.fish",
                                          "/h/.config/fish/config.fish"});
  CHECK(files.front().syntax == RcSyntax::posix);
  CHECK(files.back().syntax == RcSyntax::fish);

  StartupDirs custom{"/h", std::filesystem::path("/z"), std::filesystem::path("/x")};
  auto other = startup_file_candidates(custom, {});
  CHECK(other[5].path == "/z/.zshenv");
  CHECK(other[7].path == "/z/.zshrc");
  CHECK(other.back().path == "/x/fish/config.fish");
}

TEST_CASE("existing_startup_files keeps the files that are there", "[shell][rescue]") {
  ScopedDir tmp(make_unique_dir(std::filesystem::temp_directory_path(), "rescue-test"));
  auto home = tmp.path();
  ensure_dir(home / ".config/fish/conf.d");
  std::ofstream(home / ".bashrc") << "x=1\n";
  std::ofstream(home / ".config/fish/conf.d/b.fish") << "set x 1\n";
  std::filesystem::create_symlink(home / ".bashrc", home / ".profile");
  ensure_dir(home / ".zshrc");  // a directory is not a startup file
  auto files = existing_startup_files(StartupDirs{home, std::nullopt, std::nullopt});
  REQUIRE(files.size() == 3);
  CHECK(files[0].path == home / ".profile");
  CHECK(files[1].path == home / ".bashrc");
  CHECK(files[2].path == home / ".config/fish/conf.d/b.fish");
}
