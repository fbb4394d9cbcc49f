#include <catch2/catch.hpp>

#include "repos/recipe_diff.hpp"

using namespace userpkg;

namespace {

RecipeSummary recipe(std::map<std::string, std::string> versions, std::string text = "t") {
  RecipeSummary r;
  r.versions = std::move(versions);
  r.text_sha256 = std::move(text);
  return r;
}

const std::string A(64, 'a'), B(64, 'b'), C(64, 'c');

}  // namespace

TEST_CASE("recipe diff: added and removed recipes", "[repos]") {
  RecipeSummaries before{{"old", recipe({{"1.0", A}})}, {"same", recipe({{"1.0", A}})}};
  RecipeSummaries after{{"new", recipe({{"1.0", B}, {"2.0", C}})}, {"same", recipe({{"1.0", A}})}};
  RecipeDiff d = diff_recipes(before, after);
  CHECK(d.added == std::vector<std::string>{"new"});
  CHECK(d.removed == std::vector<std::string>{"old"});
  CHECK(d.changed.empty());
  auto lines = describe_diff(d, after);
  REQUIRE(lines.size() == 2);
  CHECK(lines[0] == "  + recipe new (2.0, 1.0)");
  CHECK(lines[1] == "  - recipe old");
}

TEST_CASE("recipe diff: versions and checksums of one recipe", "[repos]") {
  RecipeSummaries before{{"sim", recipe({{"1.0", A}, {"2.0", B}}, "x")}};
  RecipeSummaries after{{"sim", recipe({{"2.0", C}, {"3.0", A}}, "y")}};
  RecipeDiff d = diff_recipes(before, after);
  REQUIRE(d.changed.size() == 1);
  const RecipeChange& c = d.changed[0];
  CHECK(c.added_versions == std::vector<std::string>{"3.0"});
  CHECK(c.removed_versions == std::vector<std::string>{"1.0"});
  REQUIRE(c.checksums.size() == 1);
  CHECK(c.checksums[0].version == "2.0");
  CHECK(c.checksums[0].old_sha256 == B);
  CHECK(c.checksums[0].new_sha256 == C);
  CHECK_FALSE(c.other_edits);
  auto lines = describe_diff(d, after);
  REQUIRE(lines.size() == 2);
  CHECK(lines[0] == "  ~ sim: + 3.0; - 1.0");
  CHECK(lines[1] == "      sim 2.0 sha256 changed: " + B + " -> " + C);
}

TEST_CASE("recipe diff: versions are listed newest first, by version, not as text", "[repos]") {
  RecipeSummaries before{{"sim", recipe({{"1.0", A}, {"9.0", A}})}};
  RecipeSummaries after{{"sim", recipe({{"2.0", A}, {"10.0", A}, {"1.10", A}})}};
  RecipeDiff d = diff_recipes(before, after);
  REQUIRE(d.changed.size() == 1);
  CHECK(d.changed[0].added_versions == std::vector<std::string>{"10.0", "2.0", "1.10"});
  CHECK(d.changed[0].removed_versions == std::vector<std::string>{"9.0", "1.0"});
}

TEST_CASE("recipe diff: edits, breakage and repairs", "[repos]") {
  RecipeSummary broken;
  broken.broken = "recipes/x.toml:3: bad";
  broken.text_sha256 = "z";
  RecipeSummaries before{{"edited", recipe({{"1.0", A}}, "x")}, {"breaks", recipe({{"1.0", A}})}, {"fixed", broken},
                         {"still", broken}};
  RecipeSummaries after{{"edited", recipe({{"1.0", A}}, "y")}, {"breaks", broken}, {"fixed", recipe({{"1.0", A}})},
                        {"still", broken}};
  RecipeDiff d = diff_recipes(before, after);
  REQUIRE(d.changed.size() == 3);  // "still" is broken the same way: no change
  CHECK(d.changed[0].name == "breaks");
  CHECK(d.changed[0].now_broken == "recipes/x.toml:3: bad");
  CHECK(d.changed[1].name == "edited");
  CHECK(d.changed[1].other_edits);
  CHECK(d.changed[2].name == "fixed");
  CHECK(d.changed[2].fixed);
  CHECK(diff_recipes(after, after).empty());
}

TEST_CASE("repo diff: patches added, removed and edited without their recipe", "[repos]") {
  RepoContents before, after;
  before.recipes = after.recipes = {{"sim", recipe({{"1.0", A}})}};
  before.patches = {{"sim/fix.patch", A}, {"old.patch", B}};
  after.patches = {{"sim/fix.patch", C}, {"new.patch", B}};
  RecipeDiff d = diff_repo(before, after);
  CHECK(d.changed.empty());
  CHECK_FALSE(d.empty());
  CHECK(d.patches_changed == std::vector<std::string>{"sim/fix.patch"});
  CHECK(d.patches_added == std::vector<std::string>{"new.patch"});
  CHECK(d.patches_removed == std::vector<std::string>{"old.patch"});
  auto lines = describe_diff(d, after.recipes);
  CHECK(lines == std::vector<std::string>{"  + patch new.patch", "  - patch old.patch", "  ~ patch sim/fix.patch changed"});
  CHECK(diff_repo(after, after).empty());
}
