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
