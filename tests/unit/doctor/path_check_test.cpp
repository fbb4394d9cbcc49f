#include <catch2/catch.hpp>

#include <algorithm>

#include "doctor/path_check.hpp"

using namespace userpkg;

namespace {

const Finding* find(const std::vector<Finding>& findings, const std::string& id) {
  auto it = std::find_if(findings.begin(), findings.end(), [&](const Finding& f) { return f.id == id; });
  return it == findings.end() ? nullptr : &*it;
}

PathFacts healthy() {
  PathFacts f;
  f.path = "/p/bin:/usr/local/bin:/usr/bin:/bin";
  f.prefix_bin = "/p/bin";
  f.prefix_bin_exists = true;
  f.existing_dirs = {"/p/bin", "/usr/local/bin", "/usr/bin", "/bin"};
  f.prefix_bin_entries = {"/p/bin"};
  f.programs = {{"python3", true, "/p/bin/python3", true}, {"git", false, "/usr/bin/git", false}};
  return f;
}

}  // namespace

TEST_CASE("a healthy PATH yields only ok findings", "[doctor]") {
  auto findings = check_path(healthy());
  for (const auto& f : findings) CHECK(f.severity == Severity::ok);
  CHECK(find(findings, "path.prefix-first"));
  CHECK(find(findings, "path.program-resolves"));
}

TEST_CASE("empty, relative and missing PATH entries are reported", "[doctor]") {
  PathFacts f = healthy();
  f.path = "/p/bin::bin:/gone:/usr/bin";
  auto findings = check_path(f);
  REQUIRE(find(findings, "path.empty-entry"));
  CHECK(find(findings, "path.empty-entry")->severity == Severity::warning);
  CHECK(find(findings, "path.relative-entry"));
  REQUIRE(find(findings, "path.missing-dir"));
  CHECK_THAT(find(findings, "path.missing-dir")->title, Catch::Contains("/gone"));
}

TEST_CASE("the prefix's bin missing from PATH or behind /usr/bin", "[doctor]") {
  PathFacts f = healthy();
  f.path = "/usr/bin:/bin";
  f.programs = {{"python3", true, "/usr/bin/python3", false}};
  auto findings = check_path(f);
  REQUIRE(find(findings, "path.prefix-missing"));
  CHECK(find(findings, "path.prefix-missing")->severity == Severity::warning);
  CHECK_THAT(find(findings, "path.prefix-missing")->fix, Catch::Contains("userpkg shell init"));
  REQUIRE(find(findings, "path.program-shadowed"));
  CHECK_THAT(find(findings, "path.program-shadowed")->title, Catch::Contains("/usr/bin/python3"));

  f.path = "/usr/bin:/p/bin";
  findings = check_path(f);
  REQUIRE(find(findings, "path.prefix-behind-system"));
  CHECK(find(findings, "path.prefix-behind-system")->severity == Severity::warning);

  // Nothing installed yet: not being on PATH is only a note.
  f = healthy();
  f.path = "/usr/bin";
  f.prefix_bin_exists = false;
  f.programs.clear();
  CHECK(find(check_path(f), "path.prefix-missing")->severity == Severity::note);
}

TEST_CASE("an unset PATH is an error", "[doctor]") {
  PathFacts f = healthy();
  f.path.reset();
  auto findings = check_path(f);
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].severity == Severity::error);
}

TEST_CASE("gathering finds programs on PATH without a subprocess", "[doctor]") {
  Environment env;
  env.set("PATH", "/nonexistent-dir:/bin:/usr/bin");
  PathFacts f = gather_path_facts(PrefixLayout{"/nonexistent-prefix"}, env);
  CHECK_FALSE(f.prefix_bin_exists);
  CHECK(f.existing_dirs.count("/usr/bin"));
  CHECK_FALSE(f.existing_dirs.count("/nonexistent-dir"));
  auto py = std::find_if(f.programs.begin(), f.programs.end(), [](const ProgramOnPath& p) { return p.name == "python3"; });
  REQUIRE(py != f.programs.end());
  REQUIRE(py->found);  // python3 is a test dependency
  CHECK(py->found->ends_with("/python3"));
  CHECK_FALSE(py->prefix_has);
}
