#include <catch2/catch.hpp>

#include "core/spec.hpp"
#include "util/error.hpp"

using namespace userpkg;

TEST_CASE("spec options: +name and ~name words belong to the spec before them", "[spec]") {
  auto specs = parse_specs({"cuda@12.1", "+nvcc", "+cublas", "cudnn@8.9", "python"});
  REQUIRE(specs.size() == 3);
  CHECK(specs[0].name == "cuda");
  CHECK(specs[0].options == "+nvcc +cublas");
  CHECK(specs[1].name == "cudnn");
  CHECK(specs[1].options.empty());
  CHECK(parse_specs({"cuda", "~nvcc+cupti"})[0].options == "~nvcc+cupti");
  CHECK_THROWS_AS(parse_specs({"+nvcc", "cuda"}), Error);
}
