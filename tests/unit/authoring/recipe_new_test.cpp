#include <catch2/catch.hpp>

#include "authoring/checksum.hpp"
#include "authoring/recipe_new.hpp"
#include "core/recipe_loader.hpp"
#include "util/error.hpp"

using namespace userpkg;

namespace {
const std::string kSha = "3be4a26d825ffdfda52a56fc43246456989a3630093cced3fbddf4771ee58a70";
}

TEST_CASE("versions_line is the recipes' [versions] format", "[authoring]") {
  CHECK(versions_line("1.4.19", kSha) == "\"1.4.19\" = { sha256 = \"" + kSha + "\" }");
}

TEST_CASE("checksum_url fills the version into the recipe's template or the given URL", "[authoring]") {
  Recipe r;
  r.name = "m4";
  r.url_template = "https://ftp.gnu.org/gnu/m4/m4-{version}.tar.gz";
  CHECK(checksum_url(r, "1.4.20", "") == "https://ftp.gnu.org/gnu/m4/m4-1.4.20.tar.gz");
  CHECK(checksum_url(r, "1.4.20", "https://mirror/m4-{version}.tar.xz") == "https://mirror/m4-1.4.20.tar.xz");
  CHECK(checksum_url(r, "1.4.20", "https://mirror/fixed.tar.xz") == "https://mirror/fixed.tar.xz");
  CHECK_THROWS_AS(checksum_url(r, "not a version!", ""), Error);
  r.url_template.clear();
  CHECK_THROWS_WITH(checksum_url(r, "1.0", ""), Catch::Contains("no [source] url"));
}

TEST_CASE("facts_from_url guesses the version and the template", "[authoring]") {
  auto f = facts_from_url("lab-sim", "https://example.org/releases/v0.3.1/lab-sim-0.3.1.tar.gz", "");
  CHECK(f.version == "0.3.1");
  CHECK(f.url_template == "https://example.org/releases/v{version}/lab-sim-{version}.tar.gz");
  CHECK(f.homepage == "https://example.org/");
}

TEST_CASE("facts_from_url refuses what a recipe cannot hold", "[authoring]") {
  CHECK_THROWS_WITH(facts_from_url("Bad/Name", "https://h/x-1.0.tar.gz", ""), Catch::Contains("not a valid recipe name"));
  CHECK_THROWS_WITH(facts_from_url("x", "http://h/x-1.0.tar.gz", ""), Catch::Contains("https"));
  CHECK_THROWS_WITH(facts_from_url("x", "https://h/x-latest.tar.gz", ""), Catch::Contains("cannot tell the version"));
  CHECK_THROWS_WITH(facts_from_url("x", "https://h/x-latest.tar.gz", "2.0"), Catch::Contains("does not appear"));
}

TEST_CASE("render_recipe writes a recipe the loader accepts, for every detected system", "[authoring]") {
  for (const char* system : {"autotools", "cmake", "make", "installer"}) {
    NewRecipeFacts f = facts_from_url("lab-sim", "https://example.org/dl/lab-sim-0.3.1.tar.gz", "");
    f.sha256 = kSha;
    f.system = system;
    f.evidence = "test";
    std::string text = render_recipe(f);
    Recipe r = load_recipe(text, "recipes/lab-sim.toml", "lab-sim");
    CHECK(r.build.system == system);
    REQUIRE(r.versions.size() == 1);
    CHECK(r.versions[0].version.str() == "0.3.1");
    CHECK(r.versions[0].primary.sha256 == kSha);
    CHECK(r.versions[0].primary.url == "https://example.org/dl/lab-sim-0.3.1.tar.gz");
    CHECK(text.starts_with("# Written by `userpkg recipe new`"));
  }
}

TEST_CASE("render_recipe keeps a configure script not named configure", "[authoring]") {
  NewRecipeFacts f = facts_from_url("openssl", "https://www.openssl.org/source/openssl-1.1.1w.tar.gz", "");
  f.sha256 = kSha;
  f.system = "autotools";
  f.evidence = "config";
  f.configure_script = "config";
  Recipe r = load_recipe(render_recipe(f), "recipes/openssl.toml", "openssl");
  CHECK(r.build.configure_script == "config");
  CHECK(r.versions[0].version.str() == "1.1.1w");
  CHECK(r.url_template == "https://www.openssl.org/source/openssl-{version}.tar.gz");
}
