#include <catch2/catch.hpp>

#include "archive/entry_rules.hpp"

using namespace userpkg::archive;

TEST_CASE("entry rules: names are normalized, absolute and .. refused", "[archive]") {
  CHECK(normalize_entry_name("./a//b/./c/").name == "a/b/c");
  CHECK(normalize_entry_name(".").name == "");
  CHECK(normalize_entry_name("a..b/..c").name == "a..b/..c");  // dots inside a name are fine
  CHECK_FALSE(normalize_entry_name("/etc/passwd").name);
  CHECK_FALSE(normalize_entry_name("a/../../b").name);
  CHECK_FALSE(normalize_entry_name("..").name);
}

TEST_CASE("entry rules: symlinks may not be used as parents, in any spelling", "[archive]") {
  EntryRules rules;
  CHECK_FALSE(rules.check({"top/lib", EntryKind::symlink, "/usr/lib", {}}).refusal);
  CHECK(rules.check({"top/lib/x", EntryKind::file, {}, {}}).refusal);
  CHECK(rules.check({"./top//lib/y/z", EntryKind::directory, {}, {}}).refusal);
  CHECK_FALSE(rules.check({"top/lib2/x", EntryKind::file, {}, {}}).refusal);  // a sibling with a longer name
}

TEST_CASE("entry rules: hard links only to files accepted before", "[archive]") {
  EntryRules rules;
  CHECK_FALSE(rules.check({"a/f", EntryKind::file, {}, {}}).refusal);
  auto ok = rules.check({"a/g", EntryKind::hardlink, "./a/f", {}});
  CHECK_FALSE(ok.refusal);
  CHECK(ok.hardlink_target == "a/f");
  CHECK(rules.check({"a/h", EntryKind::hardlink, "a/missing", {}}).refusal);
  CHECK(rules.check({"a/d", EntryKind::other, {}, "block device"}).refusal->find("block device") != std::string::npos);
  CHECK(rules.check({".", EntryKind::file, {}, {}}).refusal);
  CHECK_FALSE(rules.check({"s", EntryKind::symlink, "/", {}}).refusal);
  CHECK_FALSE(rules.check({"s2", EntryKind::hardlink, "s", {}}).refusal);
  CHECK(rules.check({"s2/x", EntryKind::file, {}, {}}).refusal);
}

TEST_CASE("entry rules: names too long for a file system are named as such", "[archive]") {
  CHECK_FALSE(name_too_long("top/" + std::string(255, 'n')));
  auto component = name_too_long("top/" + std::string(300, 'n') + "/x");
  REQUIRE(component);
  CHECK(component->find("too long") != std::string::npos);
  CHECK(component->find("300 bytes") != std::string::npos);
  CHECK(component->find("255") != std::string::npos);
  std::string deep;
  for (int i = 0; i < 50; ++i) deep += std::string(100, 'd') + "/";
  auto whole = name_too_long(deep);
  REQUIRE(whole);
  CHECK(whole->find("4095") != std::string::npos);
  CHECK(abbreviated(std::string(300, 'n')).find("(300 bytes)") != std::string::npos);
  CHECK(abbreviated("short") == "short");
}
