#include <catch2/catch.hpp>

#include <csignal>

#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "shell/rc_file.hpp"
#include "util/error.hpp"
#include "util/fs.hpp"

using namespace userpkg;

namespace {
struct TempHome {
  ScopedDir dir{make_unique_dir(fs::temp_directory_path(), "userpkg-rc-test")};
  fs::path path(const std::string& rel) const { return dir.path() / rel; }
};
}  // namespace

TEST_CASE("write_rc follows a symlinked rc file, keeps its mode and backs up the old bytes", "[shell][rc]") {
  TempHome home;
  ensure_dir(home.path("dotfiles"));
  write_file_atomic(home.path("dotfiles/bashrc"), "alias ll='ls -l'\r\nno final newline", fs::perms(0600));
  REQUIRE(::symlink("dotfiles/bashrc", home.path(".bashrc").c_str()) == 0);

  auto backup = write_rc(home.path(".bashrc"), "new\n", home.path("prefix/var/backups"));
  CHECK(fs::is_symlink(home.path(".bashrc")));
  CHECK(read_file(home.path("dotfiles/bashrc")) == "new\n");
  struct stat st{};
  REQUIRE(::stat(home.path("dotfiles/bashrc").c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0600);
  REQUIRE(backup);
  CHECK(read_file(backup->backup) == "alias ll='ls -l'\r\nno final newline");
  CHECK(backup->original == home.path(".bashrc").parent_path() / "dotfiles/bashrc");

  auto listed = list_rc_backups(home.path("prefix/var/backups"));
  REQUIRE(listed.size() == 1);
  CHECK(listed[0].backup == backup->backup);
}

TEST_CASE("write_rc creates a missing rc file without a backup; remove_rc backs up first", "[shell][rc]") {
  TempHome home;
  ensure_dir(home.path(".config/fish/conf.d"));
  CHECK_FALSE(read_rc(home.path(".config/fish/conf.d/userpkg.fish")));
  CHECK_FALSE(write_rc(home.path(".config/fish/conf.d/userpkg.fish"), "x\n", home.path("b")));
  CHECK(read_rc(home.path(".config/fish/conf.d/userpkg.fish")) == std::optional<std::string>("x\n"));
  auto removed = remove_rc(home.path(".config/fish/conf.d/userpkg.fish"), home.path("b"));
  REQUIRE(removed);
  CHECK_FALSE(fs::exists(home.path(".config/fish/conf.d/userpkg.fish")));
  CHECK(read_file(removed->backup) == "x\n");
}

TEST_CASE("resolve_rc_target refuses a symlink loop", "[shell][rc]") {
  TempHome home;
  REQUIRE(::symlink("b", home.path("a").c_str()) == 0);
  REQUIRE(::symlink("a", home.path("b").c_str()) == 0);
  CHECK_THROWS_AS(resolve_rc_target(home.path("a")), Error);
}

TEST_CASE("write_rc makes no directory and refuses a directory or a read-only file", "[shell][rc]") {
  TempHome home;
  CHECK_THROWS_AS(write_rc(home.path("no/such/dir/rc"), "x\n", home.path("b")), Error);
  CHECK_FALSE(fs::exists(home.path("no")));
  fs::create_symlink("dotfiles/missing/bashrc", home.path(".bashrc"));
  try {
    write_rc(home.path(".bashrc"), "x\n", home.path("b"));
    FAIL("expected an Error");
  } catch (const Error& e) {
    CHECK(e.why().find("does not exist") != std::string::npos);
    CHECK(e.why().find("symbolic link") != std::string::npos);
  }
  CHECK_FALSE(fs::exists(home.path("dotfiles")));
  ensure_dir(home.path("adir"));
  try {
    (void)read_rc(home.path("adir"));
    FAIL("expected an Error");
  } catch (const Error& e) {
    CHECK(e.why().find("is a directory") != std::string::npos);
  }
  CHECK_THROWS_AS(write_rc(home.path("adir"), "x\n", home.path("b")), Error);
  write_file_atomic(home.path("ro"), "old\n", fs::perms(0444));
  CHECK_THROWS_AS(write_rc(home.path("ro"), "x\n", home.path("b")), Error);
  CHECK(read_file(home.path("ro")) == "old\n");
}

TEST_CASE("write_rc that cannot write the rc file leaves no backup behind", "[shell][rc]") {
  // A full disk or quota: the backup fits, the new rc file does not. Each retry must not add one
  // more copy of the rc file to the prefix (it is what a full disk can least afford).
  TempHome home;
  const std::string old_text(9000, 'o');
  write_file_atomic(home.path(".bashrc"), old_text);
  const fs::path backups = home.path("prefix/var/backups");
  ensure_dir(backups);
  // A file size limit between the old rc file and the new one stands in for the full disk.
  struct rlimit saved{};
  REQUIRE(::getrlimit(RLIMIT_FSIZE, &saved) == 0);
  auto previous = std::signal(SIGXFSZ, SIG_IGN);
  struct rlimit small = saved;
  small.rlim_cur = 9500;
  REQUIRE(::setrlimit(RLIMIT_FSIZE, &small) == 0);
  bool threw = false;
  try {
    write_rc(home.path(".bashrc"), old_text + std::string(1000, 'n'), backups);
  } catch (const Error&) {
    threw = true;
  }
  ::setrlimit(RLIMIT_FSIZE, &saved);
  std::signal(SIGXFSZ, previous);
  CHECK(threw);
  CHECK(read_file(home.path(".bashrc")) == old_text);
  CHECK(directory_entries(backups).empty());
}
