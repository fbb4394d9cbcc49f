#include <catch2/catch.hpp>

#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "util/error.hpp"
#include "util/input_limits.hpp"

using namespace userpkg;
using Catch::Matchers::Contains;

namespace {

constexpr InputLimits kSmall{1000, 4, "test file"};

std::string repeat(const std::string& part, std::size_t n) {
  std::string out;
  for (std::size_t i = 0; i < n; ++i) out += part;
  return out;
}

std::size_t toml_problem_line(std::string_view text, const InputLimits& limits = kSmall) {
  auto p = toml_shape_problem(text, limits);
  return p ? p->line : 0;
}

}  // namespace

TEST_CASE("input limits: ordinary TOML passes", "[util]") {
  const char* recipe = R"(name = "python"  # a comment with [[[[ and {{{{ and a.b.c.d.e
summary = "CPython [interpreter] {x}"
[source]
url = "https://www.python.org/ftp/python/{version}/Python-{version}.tgz"
[versions]
"3.11.2" = { sha256 = "aa", url = "https://e.org/a.b.c.d.e.f.tar.xz" }
'3.9.2' = { sha256 = "bb" }
[depends]
openssl = { version = "1.1.1:", system = true }
[build.env.set]
X = """
[[[[[[[ a.b.c.d.e.f.g "
"""
Y = '''[[[[[[[ '''
[[patches]]
file = "python/3.8-openssl3.patch"
[test]
commands = [
  "{prefix}/bin/python3 -c 'import a.b.c.d.e.f'",
  "x.y.z.w.v",
]
floats = [1.5, 2.5, 3.5, 4.5, 5.5, 6.5]
when = 1979-05-27T07:32:00.999999Z
)";
  CHECK_FALSE(toml_shape_problem(recipe, kSmall));
  CHECK_FALSE(toml_shape_problem("", kSmall));
}

TEST_CASE("input limits: deep TOML is refused at its line", "[util]") {
  // The issue's case: a table header of 150,000 parts (about 300 KB).
  std::string header = "name = \"x\"\n[" + repeat("a.", 150000) + "a]\nk = 1\n";
  auto p = toml_shape_problem(header, {kMiB, kMaxInputDepth, "recipe"});
  REQUIRE(p);
  CHECK(p->line == 2);
  CHECK(p->text == "nests deeper than 64 levels");

  CHECK(toml_problem_line("[[a.b.c.d.e]]\n") == 1);
  CHECK(toml_problem_line("[a.b.c.d]\n") == 0);
  CHECK(toml_problem_line("\n\na.b.c.d.e = 1\n") == 3);
  CHECK(toml_problem_line("a = [[[[[1]]]]]\n") == 1);
  CHECK(toml_problem_line("a = {b = {c = {d = {e = 1}}}}\n") == 1);
  CHECK(toml_problem_line("[a.b]\nc.d.e = 1\n") == 2);        // header and key together
  CHECK(toml_problem_line("a = [\n 1,\n [[[[2]]]],\n]\n") == 3);  // inside a multi-line array
  CHECK(toml_problem_line("a = [1, [2, [3]]]\n") == 0);
  // Commas reset the dots of their level; closing brackets give levels back.
  CHECK(toml_problem_line("a = [" + repeat("{b.c = 1}, ", 1000) + "]\n", {kMiB, 4, "t"}) == 0);
  CHECK(toml_problem_line(repeat("a = [[[1]]]\n", 1000), {kMiB, 4, "t"}) == 0);
  // Brackets and dots in strings and comments do not count; strings keep their line count.
  CHECK(toml_problem_line("a = \"[[[[[[\" # [[[[[[\nb = '{{{{{{'\nc = \"\"\"\n[[[[[\n\"\"\"\nd = [[[[[1]]]]]\n") ==
        6);
  CHECK(toml_problem_line("a = \"\\\"[[[[[[\"\n") == 0);
  CHECK(toml_problem_line("[\"a.b.c.d.e.f\"]\n") == 0);
}

TEST_CASE("input limits: JSON nesting", "[util]") {
  CHECK_FALSE(json_shape_problem(R"({"files": [{"hashes": {"sha256": "[[[[[[[[{{{{{{"}}], "x": "\"[[[[[["})",
                                 kSmall));
  const std::string deep = "{\"size\": " + repeat("[", 100000) + repeat("]", 100000) + "}";
  auto p = json_shape_problem(deep, {kMiB, kMaxInputDepth, "manifest"});
  REQUIRE(p);
  CHECK(p->line == 1);
  auto q = json_shape_problem("{\n\"a\":\n[[[[1]]]]}", kSmall);
  REQUIRE(q);
  CHECK(q->line == 3);
  CHECK_FALSE(json_shape_problem(repeat("[[[1]]]", 100), kSmall));
}

TEST_CASE("input limits: size", "[util]") {
  auto p = toml_shape_problem(std::string(1001, '#'), kSmall);
  REQUIRE(p);
  CHECK(p->line == 0);
  CHECK(p->text == "is 1001 bytes; userpkg reads a test file of at most 1000 bytes");
  CHECK(json_shape_problem(std::string(1001, ' '), kSmall));
  CHECK_FALSE(json_shape_problem(std::string(1000, ' '), kSmall));
}

TEST_CASE("input limits: errors name the file and line; reading stops at the limit", "[util]") {
  try {
    check_toml_input("a = 1\nb.c.d.e.f = 2\n", "lab/recipes/x.toml", kSmall, "fix it");
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(std::string(e.what()) == "lab/recipes/x.toml:2: the test file nests deeper than 4 levels");
    CHECK(e.hint() == "fix it");
  }
  CHECK_THROWS_WITH(check_json_input("[[[[[", "m.json", kSmall, ""), Contains("m.json:1:"));

  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / ("input-limits-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  {
    std::ofstream(dir / "small") << "abc";
    std::ofstream(dir / "big") << std::string(200 * 1024, 'x');
  }
  CHECK(read_input_file(dir / "small", kSmall, "") == "abc");
  CHECK_THROWS_WITH(read_input_file(dir / "big", kSmall, ""), Contains("big: the test file is 200 KB"));
  CHECK_THROWS_WITH(read_input_file("/dev/zero", kSmall, ""), Contains("/dev/zero: the test file is"));
  CHECK_THROWS_WITH(read_input_file(dir / "absent", kSmall, ""), Contains("cannot read"));
  fs::remove_all(dir);
}
