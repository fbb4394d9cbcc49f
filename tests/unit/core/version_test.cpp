#include <catch2/catch.hpp>

#include "core/spec.hpp"
#include "core/version.hpp"
#include "util/error.hpp"

using namespace userpkg;

static Version v(const char* s) { return Version::parse(s); }

TEST_CASE("versions compare numerically part by part", "[version]") {
  CHECK(v("3.9") < v("3.10"));
  CHECK(v("3.8.18") < v("3.9.0"));
  CHECK(v("2.39.5") > v("2.39"));
  CHECK(v("1.1.1") < v("1.1.1a"));
  CHECK(v("1.1.1a") < v("1.1.1w"));
  CHECK(v("1.1.1w") < v("3.0.0"));
  CHECK(v("3.13.0rc1") < v("3.13.0"));
  CHECK(v("3.13.0a1") < v("3.13.0b2"));
  CHECK(v("3.13.0b2") < v("3.13.0rc1"));
  CHECK(v("3.12.9") < v("3.13.0rc1"));
  CHECK(v("3.11.2") == v("3.11.2"));
  CHECK(v("3.13.0rc1").is_prerelease());
  CHECK_FALSE(v("1.1.1w").is_prerelease());
}

TEST_CASE("bad versions are refused", "[version]") {
  CHECK_FALSE(Version::try_parse("").has_value());
  CHECK_FALSE(Version::try_parse("abc").has_value());
  CHECK_FALSE(Version::try_parse("3..1").has_value());
  CHECK_THROWS_AS(Version::parse("x1"), Error);
}

TEST_CASE("constraints", "[version]") {
  auto c = [](const char* s) { return VersionConstraint::parse(s); };
  CHECK(c("3.8").matches(v("3.8.18")));
  CHECK(c("3.8").matches(v("3.8.0")));
  CHECK_FALSE(c("3.8").matches(v("3.9.0")));
  CHECK_FALSE(c("3.8").matches(v("3.80.1")));
  CHECK(c("3.8.18").matches(v("3.8.18")));
  CHECK_FALSE(c("3.8.18").matches(v("3.8.17")));
  CHECK(c("1.1.1").matches(v("1.1.1w")));
  CHECK_FALSE(c("3.13.0").matches(v("3.13.0rc1")));
  CHECK(c("3.8:3.10").matches(v("3.10.13")));
  CHECK(c("3.8:3.10").matches(v("3.8.0")));
  CHECK_FALSE(c("3.8:3.10").matches(v("3.11.0")));
  CHECK_FALSE(c("3.8:3.10").matches(v("3.7.16")));
  CHECK(c("3.9:").matches(v("3.13.0")));
  CHECK_FALSE(c("3.9:").matches(v("3.8.18")));
  CHECK(c(":3.10").matches(v("3.10.2")));
  CHECK_FALSE(c(":3.10").matches(v("3.11.0")));
  CHECK(c("1.1.1:").matches(v("3.0.13")));
  CHECK(c("").matches(v("0.1")));
  CHECK_THROWS_AS(c("3.10:3.8"), Error);
  CHECK_THROWS_AS(c("1:2:3"), Error);
  CHECK_THROWS_AS(c("x:"), Error);
}

TEST_CASE("specs", "[spec]") {
  auto s = parse_spec("python@3.8:3.10");
  CHECK(s.name == "python");
  CHECK(s.constraint.matches(v("3.9.2")));
  CHECK(parse_spec("git").constraint.is_any());
  CHECK_THROWS_AS(parse_spec("Python@3"), Error);
  CHECK_THROWS_AS(parse_spec("python@"), Error);
  CHECK_THROWS_AS(parse_spec("@3.8"), Error);
  CHECK_THROWS_AS(parse_spec("python@3.x"), Error);
}

TEST_CASE("flavored versions (Miniconda's py310_23.5.2-0)", "[version]") {
  auto f = v("py310_23.5.2-0");
  CHECK(f.str() == "py310_23.5.2-0");
  CHECK(f.flavor().letters == "py");
  CHECK(f.flavor().number == 310);
  REQUIRE(f.parts().size() == 4);  // the build number is a part of its own
  CHECK(f.parts()[0].number == 23);
  CHECK(f.parts()[3].number == 0);
  CHECK_FALSE(f.is_prerelease());
  // Flavor first, numerically: py39 < py310 < py311; then the release, then the build number.
  CHECK(v("py39_24.1.2-0") < v("py310_23.5.2-0"));
  CHECK(v("py310_23.5.2-0") < v("py311_23.5.2-0"));
  CHECK(v("py310_23.5.2-0") < v("py310_23.5.2-1"));
  CHECK(v("py310_23.5.2-1") < v("py310_23.5.10-0"));
  CHECK(v("py310_23.5.2-0") < v("py310_23.11.0-2"));
  CHECK(v("py310_23.5.2-0") == v("PY310_23.5.2-0"));
  // Unflavored versions sort before every flavored one; their order is untouched.
  CHECK(v("99.0") < v("py27_4.8.3"));
  CHECK(v("4.7.12.1") < v("4.8.2"));
}

TEST_CASE("flavored versions keep the old refusals", "[version]") {
  CHECK_FALSE(Version::try_parse("py310").has_value());  // a bare flavor is a constraint, not a version
  CHECK(Version::try_parse_prefix("py310").has_value());
  CHECK_FALSE(Version::try_parse("py_23.5.2").has_value());   // a flavor needs digits
  CHECK_FALSE(Version::try_parse("py310_").has_value());      // and a version after '_'
  CHECK_FALSE(Version::try_parse("py310_x1").has_value());    // which starts with a digit
  CHECK_FALSE(Version::try_parse("py310-23.5").has_value());  // joined by '_' only
  CHECK_FALSE(Version::try_parse("latest").has_value());
  CHECK_FALSE(Version::try_parse_prefix("x").has_value());
  CHECK_FALSE(Version::try_parse_prefix("").has_value());
}

TEST_CASE("a '-' keeps its old meaning in unflavored versions", "[version]") {
  // Only flavored versions read "-0" as a build number; "3.13.0-rc1" is still 3.13.0rc1.
  CHECK(v("3.13.0-rc1") == v("3.13.0rc1"));
  CHECK(v("3.13.0-rc1").is_prerelease());
  CHECK(v("1.2-3").parts().size() == 2);
}

TEST_CASE("constraints on flavored versions", "[version]") {
  auto c = [](const char* s) { return VersionConstraint::parse(s); };
  CHECK(c("py310").matches(v("py310_23.5.2-0")));
  CHECK(c("py310").matches(v("py310_22.11.1-1")));
  CHECK_FALSE(c("py310").matches(v("py311_23.5.2-0")));
  CHECK_FALSE(c("py310").matches(v("py3_10.1")));
  CHECK_FALSE(c("py310").matches(v("3.10.2")));
  CHECK_FALSE(c("3.10").matches(v("py310_3.10.2-0")));
  CHECK(c("py310_23.5.2-0").matches(v("py310_23.5.2-0")));
  CHECK_FALSE(c("py310_23.5.2-0").matches(v("py310_23.5.2-1")));
  CHECK(c("py310_23.5.2").matches(v("py310_23.5.2-1")));  // the release covers its builds
  CHECK(c("py310_23").matches(v("py310_23.11.0-2")));
  CHECK_FALSE(c("py310_23.5").matches(v("py310_23.11.0-2")));
  CHECK(c("py310:py311").matches(v("py311_24.1.2-0")));
  CHECK(c("py310:py311").matches(v("py310_22.11.1-1")));
  CHECK_FALSE(c("py310:py311").matches(v("py312_24.1.2-0")));
  CHECK(c("py311_23.11:").matches(v("py312_24.1.2-0")));
  CHECK_FALSE(c("py311_23.11:").matches(v("py311_23.5.2-0")));
  CHECK_THROWS_AS(c("py311:py310"), Error);
}

TEST_CASE("specs with flavored versions", "[spec]") {
  auto s = parse_spec("miniconda@py310_23.5.2-0");
  CHECK(s.name == "miniconda");
  CHECK(s.constraint.matches(v("py310_23.5.2-0")));
  CHECK_FALSE(s.constraint.matches(v("py311_23.5.2-0")));
  auto bare = parse_spec("miniconda@py310");
  CHECK(bare.constraint.matches(v("py310_23.3.1-0")));
  CHECK_FALSE(bare.constraint.matches(v("py312_24.1.2-0")));
  CHECK_THROWS_AS(parse_spec("miniconda@latest"), Error);
}
