#include <catch2/catch.hpp>
#include <fstream>

#include "prefix/generations.hpp"
#include "prefix/installed.hpp"
#include "prefix/recovery.hpp"
#include "prefix/transaction.hpp"
#include "prefix_fixture.hpp"
#include "util/error.hpp"

using namespace userpkg;

TEST_CASE("transaction: commit moves the staged tree in place; an existing target is refused", "[prefix]") {
  test::TempPrefix p;
  const PrefixLayout& l = p.layout;
  fs::path staged = make_staging_dir(l, "git");
  CHECK(staged.parent_path() == l.staging());
  CHECK(staged.filename().string().rfind("git-", 0) == 0);
  std::ofstream(staged / "marker") << "1";
  commit_package(staged, l, "git", "2.44.0");
  CHECK_FALSE(fs::exists(staged));
  CHECK(read_file(l.package_dir("git", "2.44.0") / "marker") == "1");

  fs::path again = make_staging_dir(l, "git");  // empty: rename(2) alone would replace an empty target
  fs::create_directories(l.package_dir("git", "2.45.0"));
  CHECK_THROWS_WITH(commit_package(again, l, "git", "2.45.0"), Catch::Contains("git 2.45.0"));
  std::ofstream(again / "marker") << "2";
  CHECK_THROWS_AS(commit_package(again, l, "git", "2.44.0"), Error);
  CHECK(fs::exists(again / "marker"));  // both sides untouched
  CHECK(read_file(l.package_dir("git", "2.44.0") / "marker") == "1");
}

TEST_CASE("transaction: discard removes an installed tree", "[prefix]") {
  test::TempPrefix p;
  test::make_package(p.layout, "git", "2.44.0", {"git"});
  discard_package(p.layout, "git", "2.44.0");
  CHECK_FALSE(fs::exists(p.layout.package_dir("git", "2.44.0")));
  CHECK_FALSE(fs::exists(p.layout.pkgs() / "git"));
  CHECK(fs::is_empty(p.layout.staging()));
  discard_package(p.layout, "git", "2.44.0");  // nothing there: no error
}

TEST_CASE("recovery removes leftovers of interrupted runs and keeps what is complete", "[prefix]") {
  test::TempPrefix p;
  const PrefixLayout& l = p.layout;
  test::make_package(l, "git", "2.44.0", {"git"});
  test::make_package(l, "git", "2.45.0", {"git"}, /*with_record=*/false);  // killed before its record
  test::make_package(l, "curl", "8.0", {"curl"}, /*with_record=*/false);
  create_generation(l, {{"git", "2.44.0"}}, "userpkg install git", {}, {});
  fs::path staged = make_staging_dir(l, "python");
  std::ofstream(staged / "half-built") << "x";
  fs::create_directories(l.profile(2) / "bin");  // half-made generation
  fs::create_directories(l.profile(5));          // another
  std::ofstream(l.profiles() / ".current.new-999") << "";  // interrupted switch

  RecoveryResult r = clean_leftovers(l);
  CHECK(r.not_removable.empty());
  CHECK(r.removed.size() == 6);
  CHECK_FALSE(fs::exists(staged));
  CHECK_FALSE(fs::exists(l.package_dir("git", "2.45.0")));
  CHECK_FALSE(fs::exists(l.pkgs() / "curl"));
  CHECK_FALSE(fs::exists(l.profile(2)));
  CHECK_FALSE(fs::exists(l.profile(5)));
  CHECK_FALSE(fs::exists(l.profiles() / ".current.new-999"));
  // Complete things stay.
  CHECK(is_installed(l, "git", "2.44.0"));
  CHECK(current_generation_number(l) == 1u);
  CHECK(fs::exists(l.profile_manifest(1)));
  CHECK(fs::exists(l.bin_link() / "git"));

  CHECK(clean_leftovers(l).removed.empty());  // idempotent: safe at every start
}

TEST_CASE("recovery keeps the generation current points to even without manifest", "[prefix]") {
  test::TempPrefix p;
  const PrefixLayout& l = p.layout;
  fs::create_directories(l.profile(4));
  fs::create_symlink("4", l.current_link());
  CHECK(clean_leftovers(l).removed.empty());
  CHECK(fs::exists(l.profile(4)));
}

TEST_CASE("recovery on a fresh, empty prefix does nothing", "[prefix]") {
  test::TempPrefix p;
  RecoveryResult r = clean_leftovers(p.layout);
  CHECK(r.removed.empty());
  CHECK(r.not_removable.empty());
}
