#include <catch2/catch.hpp>

#include "prefix/prefix_path_rule.hpp"
#include "util/error.hpp"

using namespace userpkg;

TEST_CASE("prefix paths: plain characters pass, shell and make syntax is named", "[prefix][prefix_path]") {
  for (const char* ok : {"/home/me/prefix", "/scratch/first.last/u-p_k+g@x~z=1", "/home/jöe/prefix"}) {
    INFO(ok);
    CHECK_FALSE(unusable_prefix_character(ok));
    CHECK_NOTHROW(check_prefix_path(ok));
  }
  for (const char* bad : {"/my prefix", "/it's", "/a\"b", "/a\\b", "/a$b", "/a`b", "/a:b", "/a#b", "/a;b", "/a%b",
                          "/a*b", "/a(b", "/a\tb", "/a\nb", "/a,b"}) {
    INFO(bad);
    CHECK(unusable_prefix_character(bad));
    CHECK_THROWS_AS(check_prefix_path(bad), Error);
  }
  try {
    check_prefix_path("/scratch/my prefix");
    FAIL("expected an Error");
  } catch (const Error& e) {
    CHECK(std::string(e.what()) == "cannot use the prefix /scratch/my prefix: its path contains a space");
    CHECK(e.hint().find("symbolic link") != std::string::npos);
  }
  // -Wl,-rpath,<prefix>/lib: the compiler driver splits -Wl, options at commas, so every link
  // against a prefix library failed.
  CHECK_THROWS_WITH(check_prefix_path("/scratch/a,b"), Catch::Contains("a comma (,)"));
}
