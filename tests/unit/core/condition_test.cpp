#include <catch2/catch.hpp>

#include "core/condition.hpp"
#include "util/error.hpp"

using namespace userpkg;

namespace {

std::vector<DepState> sample_deps() {
  return {
      {"openssl", Version::parse("3.0.19"), true, {}},
      {"libffi", Version::parse("3.4.4"), false, "/p/pkgs/libffi/3.4.4"},
      {"zlib", Version{}, true, {}},  // system copy with an unknown version
  };
}

bool holds(const std::string& cond, const std::string& own = "3.8.18") {
  return condition_holds(cond, Version::parse(own), sample_deps());
}

}  // namespace

TEST_CASE("empty and blank conditions always hold", "[condition]") {
  CHECK(holds(""));
  CHECK(holds("   "));
  CHECK(parse_condition("").empty());
}

TEST_CASE("own version ranges", "[condition]") {
  CHECK(holds("@3.8"));
  CHECK_FALSE(holds("@3.9"));
  CHECK(holds("@:3.9"));
  CHECK_FALSE(holds("@:3.9", "3.10.1"));
  CHECK(holds("@:3.9", "3.9.2"));
  CHECK(holds("@3.8:3.10", "3.10.4"));
  CHECK_FALSE(holds("@3.8:3.10", "3.11.2"));
  CHECK(holds("@3.11:", "3.13.0"));
  CHECK(holds("@3.8.18"));
  CHECK_FALSE(holds("@3.8.17"));
  CHECK(holds("@:"));
}

TEST_CASE("dependency versions", "[condition]") {
  CHECK(holds("openssl@3"));
  CHECK(holds("openssl@1.1.1:"));
  CHECK_FALSE(holds("openssl@:1.1.1"));
  CHECK(holds("libffi@3.4"));
  CHECK_FALSE(holds("libffi@3.3"));
}

TEST_CASE("an unknown dependency version matches no real range", "[condition]") {
  CHECK_FALSE(holds("zlib@1"));
  CHECK_FALSE(holds("zlib@1:"));
  CHECK(holds("zlib@:"));
  CHECK(holds("zlib:system"));
}

TEST_CASE("built versus system", "[condition]") {
  CHECK(holds("openssl:system"));
  CHECK_FALSE(holds("openssl:built"));
  CHECK(holds("libffi:built"));
  CHECK_FALSE(holds("libffi:system"));
}

TEST_CASE("dependencies that are not resolved make their terms false", "[condition]") {
  CHECK_FALSE(holds("readline:built"));
  CHECK_FALSE(holds("readline:system"));
  CHECK_FALSE(holds("readline@8"));
  CHECK_NOTHROW(validate_condition("readline:built"));
}

TEST_CASE("all terms must hold", "[condition]") {
  CHECK(holds("@3.8 openssl:system"));
  CHECK_FALSE(holds("@3.9 openssl:system"));
  CHECK_FALSE(holds("@3.8 openssl:built"));
  CHECK(holds("@3.8  openssl@3\tlibffi:built"));
  CHECK_FALSE(holds("@3.8 openssl@3 libffi:built readline:built"));
}

TEST_CASE("parsed terms carry kind, dependency and range", "[condition]") {
  auto terms = parse_condition("@3.8 openssl@1.1.1: libffi:built zlib:system");
  REQUIRE(terms.size() == 4);
  CHECK(terms[0].kind == ConditionTerm::Kind::own_version);
  CHECK(terms[0].dep.empty());
  CHECK(terms[0].range.str() == "3.8");
  CHECK(terms[1].kind == ConditionTerm::Kind::dep_version);
  CHECK(terms[1].dep == "openssl");
  CHECK(terms[1].range.str() == "1.1.1:");
  CHECK(terms[2].kind == ConditionTerm::Kind::dep_built);
  CHECK(terms[2].dep == "libffi");
  CHECK(terms[3].kind == ConditionTerm::Kind::dep_system);
  CHECK(terms[3].dep == "zlib");
}

TEST_CASE("malformed terms are errors", "[condition]") {
  for (const char* bad : {"3.8", "openssl", "@", "openssl@", "@abc", "@3.10:3.8", "openssl:maybe", ":built",
                          "open ssl:sometimes", "@3.8 openssl:", "a/b:built", "x@1:2:3", "@3.8 bogus"}) {
    INFO(bad);
    CHECK_THROWS_AS(validate_condition(bad), Error);
    CHECK_THROWS_AS(holds(bad), Error);
  }
}

TEST_CASE("errors name the term and explain the syntax", "[condition]") {
  try {
    validate_condition("@3.8 openssl:maybe");
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(std::string(e.what()).find("openssl:maybe") != std::string::npos);
    CHECK(e.why().find("'maybe'") != std::string::npos);
    CHECK(e.hint().find("DEP:system") != std::string::npos);
  }
}

TEST_CASE("valid conditions validate", "[condition]") {
  for (const char* good : {"", "@3.8", "@:3.9", "@3.8:3.10 openssl:system", "py-thing@1.0 x_y:built", "gtk+:system"}) {
    INFO(good);
    CHECK_NOTHROW(validate_condition(good));
  }
}
