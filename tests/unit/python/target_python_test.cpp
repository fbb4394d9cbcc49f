#include <catch2/catch.hpp>

#include "python/target_python.hpp"
#include "util/error.hpp"
#include "util/process.hpp"

using namespace userpkg;

TEST_CASE("python probe output is read", "[python]") {
  auto p = parse_python_probe("3.11.2\n1\n0\n", "/x/python3");
  CHECK(p.version.str() == "3.11.2");
  CHECK(p.has_pip);
  CHECK_FALSE(p.has_ensurepip);
  CHECK(p.cp_tag() == "cp311");
  CHECK(parse_python_probe("3.6.15\r\n0\r\n1\r\n", "/usr/bin/python3.6").cp_tag() == "cp36");
}

TEST_CASE("a program that is not python is refused", "[python]") {
  CHECK_THROWS_AS(parse_python_probe("bash: no such option\n", "/bin/bash"), Error);
  CHECK_THROWS_AS(parse_python_probe("", "/bin/true"), Error);
  CHECK_THROWS_AS(parse_python_probe("3.11.2\n1\n", "/x"), Error);
}

TEST_CASE("the probe script runs on a real interpreter", "[python]") {
  auto python = find_program("python3", "/usr/bin:/bin");
  if (python.empty()) return;  // Debian always has python3; nothing to probe otherwise
  auto out = capture_process({python.string(), "-c", kPythonProbeScript});
  REQUIRE(out.status == 0);
  auto p = parse_python_probe(out.output, python);
  CHECK(p.version.parts().size() == 3);
  CHECK(p.cp_tag().starts_with("cp3"));
}

TEST_CASE("--python with a path that is not executable is refused", "[python]") {
  PrefixLayout layout{"/nonexistent-prefix"};
  CHECK_THROWS_AS(resolve_target_python("/nonexistent/python3", layout), Error);
  CHECK_THROWS_AS(resolve_target_python("", layout), Error);
  CHECK_THROWS_AS(resolve_target_python("3.10", layout), Error);
}
