#include <catch2/catch.hpp>

#include "core/repo.hpp"
#include "python/pip_support.hpp"
#include "util/error.hpp"

using namespace userpkg;

namespace {
Version v(const char* text) { return Version::parse(text); }
std::vector<Version> recipe_versions() {
  RepoStack repos;
  repos.add(make_builtin_repo());
  std::vector<Version> out;
  for (auto& rv : repos.get("pip").versions) out.push_back(rv.version);
  return out;
}
}  // namespace

TEST_CASE("pip's Requires-Python cut-offs", "[python][pip]") {
  CHECK(pip_supports_python(v("21.3.1"), v("3.6.15")));
  CHECK_FALSE(pip_supports_python(v("22.0"), v("3.6.15")));
  CHECK(pip_supports_python(v("24.0"), v("3.7.17")));
  CHECK_FALSE(pip_supports_python(v("24.1"), v("3.7.17")));
  CHECK(pip_supports_python(v("25.0.1"), v("3.8.20")));
  CHECK_FALSE(pip_supports_python(v("25.1"), v("3.8.20")));
  CHECK(pip_supports_python(v("26.0.1"), v("3.9.2")));
  CHECK_FALSE(pip_supports_python(v("26.1"), v("3.9.2")));
  CHECK(pip_supports_python(v("26.2.1"), v("3.13.1")));
  CHECK_FALSE(pip_supports_python(v("21.3.1"), v("2.7.18")));
  CHECK(pip_python_range(v("24.0")).str() == ">=3.7");
}

TEST_CASE("pip up to 23.1.1 does not run on Python 3.12 (pkgutil.ImpImporter is gone)", "[python][pip]") {
  CHECK(pip_supports_python(v("23.0.1"), v("3.11.2")));
  CHECK_FALSE(pip_supports_python(v("23.0.1"), v("3.12.0")));
  CHECK_FALSE(pip_supports_python(v("21.3.1"), v("3.13.1")));
  CHECK(pip_supports_python(v("23.1.2"), v("3.12.0")));
  CHECK(pip_python_range(v("23.0.1")).str() == ">=3.7, <=3.11");
}

TEST_CASE("the newest pip of the recipe for each Python", "[python][pip]") {
  auto available = recipe_versions();
  CHECK(newest_pip_for(v("3.6.15"), available)->str() == "21.3.1");
  CHECK(newest_pip_for(v("3.7.17"), available)->str() == "24.0");
  CHECK(newest_pip_for(v("3.8.20"), available)->str() == "25.0.1");
  CHECK(newest_pip_for(v("3.9.2"), available)->str() == "26.0.1");
  CHECK(newest_pip_for(v("3.11.2"), available)->str() == "26.2.1");
  CHECK(newest_pip_for(v("3.13.1"), available)->str() == "26.2.1");
  CHECK_FALSE(newest_pip_for(v("3.5.10"), available));
}

TEST_CASE("choose_pip takes the newest allowed version, or explains what would work", "[python][pip]") {
  auto available = recipe_versions();
  CHECK(choose_pip(v("3.6.15"), {}, available, "").str() == "21.3.1");
  CHECK(choose_pip(v("3.11.2"), VersionConstraint::parse("23"), available, "").str() == "23.0.1");
  CHECK(choose_pip(v("3.12.1"), VersionConstraint::parse(":24"), available, "").str() == "24.0");
  try {
    choose_pip(v("3.6.15"), VersionConstraint::parse("24"), available, "--python /usr/bin/python3.6");
    FAIL("pip@24 was accepted for Python 3.6");
  } catch (const Error& e) {
    CHECK(std::string(e.what()) == "pip@24 does not run on Python 3.6 (3.6.15)");
    CHECK(e.why() == "pip 24.0 needs Python >=3.7");
    CHECK(e.hint() == "the newest pip for Python 3.6 is 21.3.1: `userpkg install pip@21.3.1 --python /usr/bin/python3.6`");
  }
  CHECK_THROWS_WITH(choose_pip(v("3.11.2"), VersionConstraint::parse("99"), available, ""), "no pip version matches pip@99");
  CHECK_THROWS_WITH(choose_pip(v("3.5.10"), {}, available, ""), "pip does not run on Python 3.5 (3.5.10)");
}
