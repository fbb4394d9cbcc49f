#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <set>

#include "archive/extract.hpp"
#include "fixture_archive.hpp"
#include "util/error.hpp"
#include "util/fs.hpp"

using namespace userpkg;
using test::FixtureEntry;
using test::FixtureFormat;
using test::FixtureType;

namespace {

// A scratch directory holding the archive and dest/, so "nothing written outside dest" can be
// checked: after any extraction the sandbox must hold exactly those two.
struct Sandbox {
  ScopedDir dir{make_unique_dir(fs::temp_directory_path(), "userpkg-extract-test")};
  fs::path root = fs::canonical(dir.path());
  fs::path dest = root / "dest";
  fs::path archive = root / "input.archive";
  Sandbox() { fs::create_directory(dest); }

  std::set<std::string> top_names() const {
    std::set<std::string> names;
    for (const auto& e : fs::directory_iterator(root)) names.insert(e.path().filename().string());
    return names;
  }
  bool only_archive_and_dest() const { return top_names() == std::set<std::string>{"dest", "input.archive"}; }
};

std::string message_of(const Error& e) { return std::string(e.what()) + ": " + e.why(); }

// Extraction must fail with an Error whose message names `entry`, and write nothing outside dest.
void expect_refused(Sandbox& box, const std::vector<FixtureEntry>& entries, const std::string& entry,
                    const std::string& rule_word) {
  test::write_fixture_archive(box.archive, FixtureFormat::tar_gz, entries);
  try {
    extract_archive(box.archive, box.dest);
    FAIL("extraction of a hostile archive succeeded (entry " << entry << ")");
  } catch (const Error& e) {
    INFO(message_of(e));
    CHECK(message_of(e).find("\"" + entry + "\"") != std::string::npos);
    CHECK(message_of(e).find(rule_word) != std::string::npos);
  }
  CHECK(box.only_archive_and_dest());
}

std::string slurp(const fs::path& p) {
  std::ifstream in(p);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

}  // namespace

TEST_CASE("extract: tar.gz with one top directory returns it, keeps exec bits, symlinks, hard links",
          "[archive]") {
  Sandbox box;
  test::write_fixture_archive(box.archive, FixtureFormat::tar_gz,
                              {test::dir("pkg-1.0/"),
                               test::file("pkg-1.0/configure", "#!/bin/sh\n", 0755),
                               test::file("pkg-1.0/README", "hello\n", 0644),
                               test::dir("pkg-1.0/src/"),
                               test::file("pkg-1.0/src/main.c", "int main(){}\n"),
                               test::symlink("pkg-1.0/README.link", "README"),
                               test::hardlink("pkg-1.0/README.hard", "pkg-1.0/README"),
                               test::file("pkg-1.0/setuid", "x", 04777)});
  fs::path root = extract_archive(box.archive, box.dest);
  CHECK(root == box.dest / "pkg-1.0");
  CHECK(slurp(root / "configure") == "#!/bin/sh\n");
  CHECK(access((root / "configure").c_str(), X_OK) == 0);
  CHECK((fs::status(root / "README").permissions() & fs::perms::owner_exec) == fs::perms::none);
  CHECK(fs::is_symlink(root / "README.link"));
  CHECK(fs::read_symlink(root / "README.link") == "README");
  CHECK(fs::equivalent(root / "README.hard", root / "README"));
  CHECK(slurp(root / "src/main.c") == "int main(){}\n");
  // setuid and group/other write are dropped, the rest of the mode is kept.
  CHECK(fs::status(root / "setuid").permissions() == fs::perms(0755));
  struct stat st {};
  REQUIRE(stat((root / "README").c_str(), &st) == 0);
  CHECK(st.st_mtime == 1600000000);  // times kept: autotools must not think files are stale
  CHECK(box.only_archive_and_dest());
}

TEST_CASE("extract: tar.xz, tar.bz2 and zip are read", "[archive]") {
  for (FixtureFormat format : {FixtureFormat::tar_xz, FixtureFormat::tar_bz2, FixtureFormat::zip}) {
    Sandbox box;
    test::write_fixture_archive(box.archive, format,
                                {test::dir("top/"),
                                 test::file("top/run.sh", "echo hi\n", 0755),
                                 test::file("top/data.txt", "data\n", 0644)});
    fs::path root = extract_archive(box.archive, box.dest);
    CHECK(root == box.dest / "top");
    CHECK(slurp(root / "data.txt") == "data\n");
    CHECK(access((root / "run.sh").c_str(), X_OK) == 0);
  }
}

TEST_CASE("extract: several top-level entries return dest; a lone top file returns dest", "[archive]") {
  {
    Sandbox box;
    test::write_fixture_archive(box.archive, FixtureFormat::tar_gz,
                                {test::file("./a/x", "1"), test::file("./b", "2"), test::dir("./")});
    CHECK(extract_archive(box.archive, box.dest) == box.dest);
    CHECK(slurp(box.dest / "a/x") == "1");
    CHECK(slurp(box.dest / "b") == "2");
  }
  {
    Sandbox box;
    test::write_fixture_archive(box.archive, FixtureFormat::tar_gz, {test::file("only-file", "1")});
    CHECK(extract_archive(box.archive, box.dest) == box.dest);
  }
}

TEST_CASE("extract: hostile entries are refused by name and nothing lands outside dest", "[archive]") {
  Sandbox box;
  SECTION("dot-dot") { expect_refused(box, {test::file("../x", "evil")}, "../x", ".."); }
  SECTION("dot-dot in the middle") {
    expect_refused(box, {test::dir("top/"), test::file("top/../../x", "evil")}, "top/../../x", "..");
  }
  SECTION("absolute path") {
    std::string target = (box.root / "abs-evil").string();
    expect_refused(box, {test::file(target, "evil")}, target, "absolute");
  }
  SECTION("symlink to an outside directory, then an entry below it") {
    expect_refused(box, {test::symlink("link", box.root.string()),
                         test::file("link/evil", "evil")},
                   "link/evil", "symlink");
  }
  SECTION("symlink to .., then an entry below it") {
    expect_refused(box, {test::symlink("a", ".."), test::file("a/b", "evil")}, "a/b",
                   "symlink");
  }
  SECTION("symlink spelled differently as a parent") {
    expect_refused(box, {test::dir("d/"), test::symlink("d/l", "/"),
                         test::file("./d//l/./evil", "evil")},
                   "./d//l/./evil", "symlink");
  }
  SECTION("hard link to /etc/passwd") {
    expect_refused(box, {test::hardlink("passwd", "/etc/passwd")}, "passwd", "hard link");
    CHECK_FALSE(fs::exists(box.dest / "passwd"));
  }
  SECTION("hard link with ..") {
    expect_refused(box, {test::hardlink("x", "../input.archive")}, "x", "hard link");
  }
  SECTION("hard link to something not extracted before") {
    expect_refused(box, {test::hardlink("x", "later"), test::file("later", "1")}, "x",
                   "not a file extracted before");
  }
  SECTION("hard link through a symlink") {
    expect_refused(box, {test::symlink("l", "/etc"), test::hardlink("x", "l/passwd")},
                   "x", "not a file extracted before");
  }
  SECTION("hard link to a symlink, then an entry below the hard link") {
    expect_refused(box, {test::symlink("l", box.root.string()), test::hardlink("h", "l"), test::file("h/evil", "evil")},
                   "h/evil", "symlink");
  }
  SECTION("fifo") { expect_refused(box, {test::special("pipe", FixtureType::fifo)}, "pipe", "fifo"); }
  SECTION("character device") {
    expect_refused(box, {test::special("null", FixtureType::char_device)}, "null", "character device");
  }
}

TEST_CASE("extract: corrupt, foreign and missing files fail naming the archive", "[archive]") {
  Sandbox box;
  auto expect_failure = [&](const std::string& why_word) {
    try {
      extract_archive(box.archive, box.dest);
      FAIL("extraction succeeded");
    } catch (const Error& e) {
      INFO(message_of(e));
      CHECK(std::string(e.what()).find(box.archive.string()) != std::string::npos);
      CHECK(message_of(e).find(why_word) != std::string::npos);
    }
  };
  SECTION("truncated tar.gz") {
    std::string noise;
    for (unsigned i = 0; i < 200000; ++i) noise += static_cast<char>((i * 2654435761u) >> 13);
    test::write_fixture_archive(box.archive, FixtureFormat::tar_gz,
                                {test::file("top/big", noise), test::file("top/after", "x")});
    fs::resize_file(box.archive, fs::file_size(box.archive) / 2);
    expect_failure("runcat");  // libarchive: "Truncated ..."
  }
  SECTION("not an archive") {
    std::ofstream(box.archive) << "just some text, not an archive\n";
    expect_failure("nrecognized");
  }
  SECTION("missing file") {
    fs::remove(box.archive);
    expect_failure("does not exist");
  }
  SECTION("empty file") {
    std::ofstream{box.archive};
    expect_failure("nrecognized");
  }
  SECTION("archive without entries") {
    test::write_fixture_archive(box.archive, FixtureFormat::tar_gz, {});
    expect_failure("no entries");
  }
}

TEST_CASE("extract: destination must exist and be empty", "[archive]") {
  Sandbox box;
  test::write_fixture_archive(box.archive, FixtureFormat::tar_gz, {test::file("a", "1")});
  std::ofstream(box.dest / "already-here") << "x";
  CHECK_THROWS_WITH(extract_archive(box.archive, box.dest), Catch::Contains("into"));
  CHECK_THROWS_AS(extract_archive(box.archive, box.root / "missing"), Error);
}
