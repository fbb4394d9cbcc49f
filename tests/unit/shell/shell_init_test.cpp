#include <catch2/catch.hpp>

#include <unistd.h>

#include "shell/rc_block.hpp"
#include "shell/rc_file.hpp"
#include "shell/shell_init.hpp"
#include "shell/shell_init_state.hpp"
#include "util/error.hpp"
#include "util/fs.hpp"

using namespace userpkg;

namespace {
struct World {
  ScopedDir dir{make_unique_dir(fs::temp_directory_path(), "userpkg-shell-init-test")};
  fs::path home() const { return dir.path() / "home"; }
  PrefixLayout layout() const { return PrefixLayout{dir.path() / "prefix"}; }
  DeinitRequest deinit_all() const { return DeinitRequest{std::nullopt, std::nullopt, ShellHome{home(), {}, {}}, false}; }
  World() { ensure_dir(home()); }
};
}  // namespace

TEST_CASE("shell init then deinit leaves every file as it was, and init twice changes nothing", "[shell][shell_init]") {
  World w;
  const std::string bashrc = "alias ll='ls -l'\r\n# >>> conda initialize >>>\r\nconda\r\n# <<< conda initialize <<<\r\nno newline";
  write_file_atomic(w.home() / ".bashrc", bashrc, fs::perms(0600));
  ensure_dir(w.home() / "dotfiles");
  write_file_atomic(w.home() / "dotfiles/zshrc", "setopt autocd\n");
  REQUIRE(::symlink("dotfiles/zshrc", (w.home() / ".zshrc").c_str()) == 0);
  const std::vector<fs::path> files = {w.home() / ".bashrc", w.home() / ".bash_profile"};

  auto first = shell_init(w.layout(), Shell::bash, files, false);
  REQUIRE(first.size() == 2);
  CHECK(first[0].kind == RcChangeKind::added);
  REQUIRE(first[0].backup);
  CHECK(read_file(first[0].backup->backup) == bashrc);
  CHECK(first[1].kind == RcChangeKind::created);
  CHECK(fs::exists(w.layout().env_sh()));
  CHECK(shell_init(w.layout(), Shell::zsh, {w.home() / ".zshrc"}, false)[0].kind == RcChangeKind::added);
  const std::string with_block = read_file(w.home() / ".bashrc");
  CHECK(with_block.find("no newline\n# >>> userpkg >>>\r\n") != std::string::npos);
  CHECK(fs::is_symlink(w.home() / ".zshrc"));

  auto state = read_shell_init_state(w.layout());
  REQUIRE(state.size() == 3);
  CHECK_FALSE(state[0].created);
  CHECK(state[1].created);

  auto again = shell_init(w.layout(), Shell::bash, files, false);
  CHECK(again[0].kind == RcChangeKind::unchanged);
  CHECK(again[1].kind == RcChangeKind::unchanged);
  CHECK(read_file(w.home() / ".bashrc") == with_block);
  CHECK(read_shell_init_state(w.layout()).size() == 3);

  auto undone = shell_deinit(w.layout(), w.deinit_all());
  CHECK(read_file(w.home() / ".bashrc") == bashrc);
  CHECK_FALSE(fs::exists(w.home() / ".bash_profile"));
  CHECK(fs::is_symlink(w.home() / ".zshrc"));
  CHECK(read_file(w.home() / "dotfiles/zshrc") == "setopt autocd\n");
  CHECK_FALSE(fs::exists(shell_init_state_path(w.layout())));
  int removed = 0;
  for (const RcChange& c : undone)
    if (c.kind == RcChangeKind::block_removed || c.kind == RcChangeKind::file_removed) ++removed;
  CHECK(removed == 3);
}

TEST_CASE("deinit without a record still finds the block in the usual files", "[shell][shell_init]") {
  World w;
  write_file_atomic(w.home() / ".profile", "PATH=$HOME/bin:$PATH\n");
  shell_init(w.layout(), Shell::sh, {w.home() / ".profile"}, false);
  fs::remove(shell_init_state_path(w.layout()));
  DeinitRequest only_sh = w.deinit_all();
  only_sh.shell = Shell::sh;
  shell_deinit(w.layout(), only_sh);
  CHECK(read_file(w.home() / ".profile") == "PATH=$HOME/bin:$PATH\n");
}

TEST_CASE("deinit leaves another prefix's block alone; dry runs write nothing", "[shell][shell_init]") {
  World w;
  const std::string other = upsert_rc_block("x\n", rc_block_body(Shell::bash, "/elsewhere/etc/userpkg/env.sh"));
  write_file_atomic(w.home() / ".bashrc", other);
  auto changes = shell_deinit(w.layout(), w.deinit_all());
  CHECK(changes[0].kind == RcChangeKind::other_prefix);
  CHECK(read_file(w.home() / ".bashrc") == other);

  auto dry = shell_init(w.layout(), Shell::bash, {w.home() / ".bashrc"}, true);
  CHECK(dry[0].kind == RcChangeKind::updated);
  CHECK_FALSE(dry[0].replaced_other.empty());
  CHECK(read_file(w.home() / ".bashrc") == other);
  CHECK_FALSE(fs::exists(w.layout().root));
}

TEST_CASE("a read-only startup file is refused with a clear error and nothing recorded", "[shell][shell_init]") {
  World w;
  write_file_atomic(w.home() / ".zshrc", "x\n", fs::perms(0444));
  try {
    shell_init(w.layout(), Shell::zsh, {w.home() / ".zshrc"}, false);
    FAIL("expected an Error");
  } catch (const Error& e) {
    CHECK(std::string(e.what()).find(".zshrc") != std::string::npos);
    CHECK(e.hint().find("--rc") != std::string::npos);
  }
  CHECK(read_file(w.home() / ".zshrc") == "x\n");
  CHECK(read_shell_init_state(w.layout()).empty());
}

TEST_CASE("a block with hand-written lines is refused by init and left by deinit", "[shell][shell_init]") {
  World w;
  const std::string mine = "a\n# >>> userpkg >>>\nexport MINE=1\n# <<< userpkg <<<\n";
  write_file_atomic(w.home() / ".bashrc", mine);
  try {
    shell_init(w.layout(), Shell::bash, {w.home() / ".bashrc"}, false);
    FAIL("expected an Error");
  } catch (const Error& e) {
    CHECK(std::string(e.what()).find("holds lines userpkg did not write") != std::string::npos);
    CHECK(e.why().find("export MINE=1") != std::string::npos);
  }
  CHECK(read_file(w.home() / ".bashrc") == mine);
  auto changes = shell_deinit(w.layout(), w.deinit_all());
  REQUIRE_FALSE(changes.empty());
  CHECK(changes[0].kind == RcChangeKind::hand_edited);
  CHECK(read_file(w.home() / ".bashrc") == mine);
}

TEST_CASE("init makes fish's missing conf.d and deinit removes it again; --rc files get no directories",
          "[shell][shell_init]") {
  World w;
  const fs::path fish = w.home() / ".config/fish/conf.d/userpkg.fish";
  shell_init(w.layout(), Shell::fish, {fish}, false);
  CHECK(fs::exists(fish));
  shell_deinit(w.layout(), w.deinit_all());
  CHECK_FALSE(fs::exists(w.home() / ".config"));
  CHECK_THROWS_AS(shell_init(w.layout(), Shell::fish, {fish}, false, /*usual_files=*/false), Error);
  CHECK_FALSE(fs::exists(w.home() / ".config"));
}
