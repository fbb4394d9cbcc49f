#include <catch2/catch.hpp>

#include "core/recipe_loader.hpp"
#include "util/error.hpp"

using namespace userpkg;

static const char* kGood = R"(
name = "demo"
summary = "A demo"
homepage = "https://example.org"

[source]
url = "https://example.org/demo-{version}.tar.xz"

[source.alternates]
tgz = "https://example.org/demo-{version}.tgz"

[source.kinds.git-archive]
url = "https://github.com/x/demo/archive/refs/tags/v{version}.tar.gz"
file = "demo-{version}-git.tar.gz"
regenerate = true

[versions]
"1.2.3" = { sha256 = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", tgz = "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb" }
"1.10.0" = { sha256 = "cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc", url = "https://mirror.example.org/d/demo-1.10.0.tar.gz", git-archive = "dddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd" }

[depends]
zlib = { system = true, for = "compression" }
openssl = { version = "1.1.1:", system = true, build = { "@:1.5" = "1.1.1" } }

[build]
system = "autotools"
configure = ["--enable-shared"]

[[build.when]]
if = "@1.2 openssl:system"
cflags = ["-DX"]

[test]
commands = ["{prefix}/bin/demo --version"]

[env]
PATH = ["{prefix}/bin"]
)";

TEST_CASE("a recipe loads into typed values", "[recipe]") {
  Recipe r = load_recipe(kGood, "demo.toml", "demo");
  CHECK(r.name == "demo");
  REQUIRE(r.versions.size() == 2);
  CHECK(r.versions[0].version.str() == "1.10.0");  // newest first
  CHECK(r.versions[0].primary.url == "https://mirror.example.org/d/demo-1.10.0.tar.gz");
  CHECK(r.versions[0].primary.file_name == "demo-1.10.0.tar.gz");
  CHECK(r.versions[0].kinds.at("git-archive").file_name == "demo-1.10.0-git.tar.gz");
  CHECK(r.versions[1].primary.url == "https://example.org/demo-1.2.3.tar.xz");
  REQUIRE(r.versions[1].alternates.size() == 1);
  CHECK(r.versions[1].alternates[0].file_name == "demo-1.2.3.tgz");
  REQUIRE(r.depends.size() == 2);
  CHECK(r.build.additions.size() == 1);
  CHECK(r.build.regenerate_depends.size() == 4);
  CHECK(r.test_commands.size() == 1);
  CHECK(r.env.lists.at("PATH") == std::vector<std::string>{"{prefix}/bin"});
}

static std::string error_of(const std::string& text) {
  try {
    load_recipe(text, "demo.toml", "demo");
  } catch (const Error& e) {
    return e.what();
  }
  return "no error";
}

TEST_CASE("recipe problems are reported with file:line", "[recipe]") {
  std::string base = kGood;
  CHECK_THAT(error_of("name = \"demo\"\nsummary = \n"), Catch::Contains("demo.toml:2"));
  auto no_sha = base;
  no_sha.replace(no_sha.find("\"1.2.3\" = { sha256"), 18, "\"1.2.3\" = { sha257");
  CHECK_THAT(error_of(no_sha), Catch::Contains("demo.toml:18"));
  CHECK_THAT(error_of(no_sha), Catch::Contains("sha257"));
  auto http = base;
  http.replace(http.find("https://example.org/demo-{version}.tar.xz"), 8, "http://");
  CHECK_THAT(error_of(http), Catch::Contains("must use https://"));
  auto unknown = base + "\n[extra]\nx = 1\n";
  CHECK_THAT(error_of(unknown), Catch::Contains("unknown key 'extra'"));
  auto short_sha = base;
  short_sha.replace(short_sha.find("aaaa"), 4, "");
  CHECK_THAT(error_of(short_sha), Catch::Contains("64 lowercase hex"));
  CHECK_THAT(error_of(base.substr(0, base.find("[build]"))), Catch::Contains("missing [build]"));
  auto wrong_name = base;
  wrong_name.replace(wrong_name.find("\"demo\""), 6, "\"other\"");
  CHECK_THAT(error_of(wrong_name), Catch::Contains("does not match the file name"));
}

TEST_CASE("a recipe nested too deep is refused before toml++ sees it", "[recipe]") {
  // 150,000 levels overflowed the stack (issue 12, defect 2); now an Error naming the line.
  std::string header = "[a";
  for (int i = 0; i < 150000; ++i) header += ".a";
  std::string deep = std::string(kGood) + header + "]\nx = 1\n";
  CHECK_THAT(error_of(deep), Catch::Contains("demo.toml:38: the recipe nests deeper than 64 levels"));
  std::string inline_deep = std::string(kGood) + "x = " + std::string(100000, '[') + std::string(100000, ']') + "\n";
  CHECK_THAT(error_of(inline_deep), Catch::Contains("nests deeper than 64 levels"));
  CHECK_THAT(error_of(std::string(kGood) + "#" + std::string(2 << 20, 'x')),
             Catch::Contains("demo.toml: the recipe is 2.0 MB; userpkg reads a recipe of at most 1.0 MB"));
}
