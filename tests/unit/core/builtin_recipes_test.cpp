#include <catch2/catch.hpp>

#include "core/repo.hpp"
#include "core/spec.hpp"

using namespace userpkg;

// Every recipe compiled into the binary must load, and every dependency must name a recipe.
TEST_CASE("all built-in recipes load and their dependencies exist", "[recipe][builtin]") {
  RepoStack repos;
  repos.add(make_builtin_repo());
  auto names = repos.names();
  REQUIRE(names.size() >= 16);
  for (auto& name : names) {
    INFO(name);
    const Recipe& r = repos.get(name);
    CHECK(!r.versions.empty());
    for (auto& d : r.depends) CHECK(repos.find(d.name) != nullptr);
    for (auto& t : r.build.regenerate_depends) CHECK(repos.find(parse_spec(t).name) != nullptr);
  }
  const Recipe& python = repos.get("python");
  CHECK(python.find_version(Version::parse("3.11.2"))->alternates.at(0).sha256 ==
        "2411c74bda5bbcfcddaf4531f66d1adc73f247f529aee981b029513aefdbf849");
}
