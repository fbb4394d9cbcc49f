#include <catch2/catch.hpp>

#include <algorithm>

#include "doctor/prefix_check.hpp"

using namespace userpkg;

namespace {

const Finding* find(const std::vector<Finding>& findings, const std::string& id) {
  auto it = std::find_if(findings.begin(), findings.end(), [&](const Finding& f) { return f.id == id; });
  return it == findings.end() ? nullptr : &*it;
}

PrefixFacts consistent() {
  PrefixFacts f;
  f.root = "/p";
  f.exists = true;
  f.packages = {{"git", "2.39.5", true, "", PackageRef{"git", "2.39.5"}, true}};
  f.generations = {{1, true, {{"git", "2.39.5"}}}};
  return f;
}

}  // namespace

TEST_CASE("a consistent prefix: one ok finding", "[doctor]") {
  auto findings = check_prefix_state(consistent());
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].id == "prefix.consistent");
}

TEST_CASE("stale lock details, staging leftovers and a dir without record", "[doctor]") {
  PrefixFacts f = consistent();
  f.lock.holder = {4242, "userpkg install python"};
  f.lock.holder_alive = false;
  f.staging_entries = {"python-3.11.2-abc123"};
  f.packages.push_back({"python", "3.11.2", false, "", std::nullopt, true});
  auto findings = check_prefix_state(f);
  REQUIRE(find(findings, "prefix.lock-stale"));
  CHECK_THAT(find(findings, "prefix.lock-stale")->title, Catch::Contains("pid 4242 (userpkg install python)"));
  REQUIRE(find(findings, "prefix.staging-leftovers"));
  CHECK(find(findings, "prefix.staging-leftovers")->severity == Severity::warning);
  REQUIRE(find(findings, "prefix.dir-without-record"));
  CHECK_THAT(find(findings, "prefix.dir-without-record")->fix, Catch::Contains("rm -rf /p/pkgs/python/3.11.2"));
  CHECK_FALSE(find(findings, "prefix.consistent"));

  // While another userpkg holds the lock, its staging and new package dir are work in progress.
  f.lock.held = true;
  f.lock.holder_alive = true;
  findings = check_prefix_state(f);
  CHECK(find(findings, "prefix.lock-held"));
  CHECK_FALSE(find(findings, "prefix.staging-leftovers"));
  CHECK_FALSE(find(findings, "prefix.dir-without-record"));
}

TEST_CASE("a lock held by a pid that is not running here", "[doctor]") {
  PrefixFacts f = consistent();
  f.lock = {true, {99999, "userpkg install git"}, false};
  CHECK(find(check_prefix_state(f), "prefix.lock-foreign")->severity == Severity::warning);
}

TEST_CASE("records against disk and manifests", "[doctor]") {
  PrefixFacts f = consistent();
  f.packages.push_back({"zlib", "1.3", true, "", PackageRef{"zlib", "1.3"}, false});
  f.packages.push_back({"bad", "1", true, "install.json: not JSON", std::nullopt, true});
  f.generations = {{1, false, {{"gone", "1.0"}}}, {2, true, {{"git", "2.39.5"}, {"zlib", "1.3"}}}};
  f.broken_bin_links = {{"git", "/p/pkgs/git/2.39.5/bin/git"}};
  auto findings = check_prefix_state(f);
  CHECK(find(findings, "prefix.record-without-files")->severity == Severity::error);
  CHECK(find(findings, "prefix.record-damaged")->severity == Severity::error);
  REQUIRE(find(findings, "prefix.generation-missing-package"));
  CHECK_THAT(find(findings, "prefix.generation-missing-package")->title, Catch::Contains("zlib@1.3"));
  CHECK(find(findings, "prefix.old-generation-missing-package")->severity == Severity::warning);
  CHECK(find(findings, "prefix.broken-links")->severity == Severity::error);
}

TEST_CASE("an absent prefix is a note", "[doctor]") {
  PrefixFacts f;
  f.root = "/nowhere";
  auto findings = check_prefix_state(f);
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].severity == Severity::note);
}
