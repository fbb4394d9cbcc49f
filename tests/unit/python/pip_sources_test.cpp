#include <catch2/catch.hpp>

#include "python/pip_sources.hpp"

using namespace userpkg;
using Args = std::vector<std::string>;

TEST_CASE("wheelhouses mean no index at all", "[python]") {
  StackSettings s;
  s.wheelhouses = {"/w/a", "/w/b"};
  s.index_url = "https://mirror.example/simple";
  CHECK(pip_source_args(s) == Args{"--no-index", "--find-links", "/w/a", "--find-links", "/w/b"});
}

TEST_CASE("an index mirror is passed on; nothing set leaves pip's default", "[python]") {
  StackSettings s;
  CHECK(pip_source_args(s).empty());
  s.index_url = "https://mirror.example/simple";
  CHECK(pip_source_args(s) == Args{"--index-url", "https://mirror.example/simple"});
}
