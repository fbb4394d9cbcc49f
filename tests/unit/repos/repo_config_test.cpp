#include <catch2/catch.hpp>

#include "repos/repo_config.hpp"
#include "util/error.hpp"

using namespace userpkg;

namespace {

std::vector<RepoEntry> parse_text(const std::string& text) {
  toml::table t = toml::parse(text);
  return parse_repos_config(*t.get("repos"), "config.toml");
}

std::string error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("repos tables parse into entries, with defaults", "[repos]") {
  auto entries = parse_text(
      "[repos.lab]\nsource = \"https://git.example.edu/lab/recipes.git\"\nref = \"v2\"\npriority = 10\n"
      "[repos.other]\nsource = \"/srv/recipes\"\n");
  REQUIRE(entries.size() == 2);
  CHECK(entries[0].name == "lab");
  CHECK(entries[0].ref == "v2");
  CHECK(entries[0].priority == 10);
  CHECK(entries[1].name == "other");
  CHECK(entries[1].ref.empty());
  CHECK(entries[1].priority == 0);
}

TEST_CASE("bad repos entries name file:line", "[repos]") {
  CHECK(error_of([] { parse_text("[repos.lab]\nsource = \"x\"\npriority = \"x\"\n"); }) ==
        "config.toml:3: repos.lab.priority must be an integer, such as 10");
  CHECK(error_of([] { parse_text("[repos.lab]\nref = \"v1\"\n"); }).starts_with("config.toml:1: repos.lab has no source"));
  CHECK(error_of([] { parse_text("[repos.lab]\nsource = \"x\"\nbranch = \"v1\"\n"); })
            .starts_with("config.toml:3: unknown key 'branch'"));
  CHECK(error_of([] { parse_text("[repos.\"built-in\"]\nsource = \"x\"\n"); }).find("bad repo name 'built-in'") !=
        std::string::npos);
  CHECK(error_of([] { parse_text("repos = 3\n"); }).starts_with("config.toml:1: repos must be a table"));
}

TEST_CASE("repo names are plain words", "[repos]") {
  CHECK(repo_name_problem("lab").empty());
  CHECK(repo_name_problem("My_lab-2.0").empty());
  CHECK_FALSE(repo_name_problem("").empty());
  CHECK_FALSE(repo_name_problem("built-in").empty());
  CHECK_FALSE(repo_name_problem("..").empty());
  CHECK_FALSE(repo_name_problem("a/b").empty());
  CHECK_FALSE(repo_name_problem("a b").empty());
  CHECK_FALSE(repo_name_problem("lab\"").empty());
  CHECK_THROWS_AS(check_repo_name("x/y"), Error);
}

TEST_CASE("adding a repo appends a table and keeps comments and other keys", "[repos]") {
  const std::string before = "# my settings\njobs = 4  # keep it low\n\n[repos.old]\nsource = \"/srv/old\"\n";
  std::string after = config_text_with_repo(before, RepoEntry{"lab", "/srv/lab \"x\"", "v2", 10});
  CHECK(after.starts_with(before));
  CHECK(after.find("[repos.lab]\nsource = \"/srv/lab \\\"x\\\"\"\nref = \"v2\"\npriority = 10\n") != std::string::npos);
  auto entries = parse_repos_config(*toml::parse(after).get("repos"), "c");
  REQUIRE(entries.size() == 2);
  CHECK(entries[0].source == "/srv/lab \"x\"");  // toml++ keeps tables sorted by key
  // An empty file gets just the table; one without a final newline gets one.
  CHECK(config_text_with_repo("", RepoEntry{"lab", "/srv/lab", "", 0}) == "[repos.lab]\nsource = \"/srv/lab\"\n");
  CHECK(config_text_with_repo("jobs = 2", RepoEntry{"lab", "/d", "", 0}) == "jobs = 2\n\n[repos.lab]\nsource = \"/d\"\n");
}

TEST_CASE("adding refuses what a textual append cannot do safely", "[repos]") {
  // An inline repos table cannot be extended by a [repos.NAME] header.
  CHECK_THROWS_AS(config_text_with_repo("repos = { a = { source = \"/a\" } }\n", RepoEntry{"lab", "/d", "", 0}), Error);
  CHECK_THROWS_AS(config_text_with_repo("[repos.lab]\nsource = \"/a\"\n", RepoEntry{"lab", "/d", "", 0}), Error);
}

TEST_CASE("removing a repo drops its table and nothing else", "[repos]") {
  const std::string text =
      "# my settings\njobs = 4\n\n[repos.lab]  # the lab's\nsource = \"/srv/lab\"\npriority = 10\n"
      "# the other group\n[repos.other]\nsource = \"/srv/other\"\n";
  std::string after = config_text_without_repo(text, "lab");
  CHECK(after == "# my settings\njobs = 4\n# the other group\n[repos.other]\nsource = \"/srv/other\"\n");
  std::string last = config_text_without_repo(after, "other");
  CHECK(last == "# my settings\njobs = 4\n# the other group\n");
  CHECK(config_text_without_repo("[repos.\"lab\"]\nsource = \"/x\"\n", "lab").empty());
  CHECK_THROWS_AS(config_text_without_repo("jobs = 4\n", "lab"), Error);
  // Dotted keys are not a [repos.lab] header: refused, not half-edited.
  CHECK_THROWS_AS(config_text_without_repo("repos.lab.source = \"/x\"\n", "lab"), Error);
  // A round trip leaves the file as it was.
  const std::string original = "# keep me\nprefix = \"~/p\"\n";
  CHECK(config_text_without_repo(config_text_with_repo(original, RepoEntry{"lab", "/d", "", 3}), "lab") == original);
}
