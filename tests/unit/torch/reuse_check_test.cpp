#include <catch2/catch.hpp>

#include "torch/reuse_check.hpp"

using namespace userpkg;

TEST_CASE("a recorded torch serves only the python and variant it was installed for", "[torch]") {
  ReuseFacts f;
  f.recorded = {{"target_python", "/venv/a/bin/python"}, {"variant", "cu121"}};
  f.target_python = "/venv/a/bin/python";
  f.version_there = "2.1.2+cu121";
  CHECK_FALSE(reuse_refusal(f, "auto"));
  CHECK_FALSE(reuse_refusal(f, "cu121"));

  auto other_variant = reuse_refusal(f, "cpu");
  REQUIRE(other_variant);
  CHECK_THAT(*other_variant, Catch::Contains("cu121 build, not cpu"));

  f.target_python = "/venv/b/bin/python";
  auto other_python = reuse_refusal(f, "auto");
  REQUIRE(other_python);
  CHECK_THAT(*other_python, Catch::Contains("recorded for /venv/a/bin/python"));

  f.target_python = "/venv/a/bin/python";
  f.version_there.reset();  // `pip uninstall torch` by hand
  auto gone = reuse_refusal(f, "auto");
  REQUIRE(gone);
  CHECK_THAT(*gone, Catch::Contains("no longer installed"));
}
