// RepoStack: precedence (priority, then user repos before built-in), REPO/NAME lookups, broken
// recipes kept to themselves, and names or patch paths that try to leave a repository.
#include <catch2/catch.hpp>

#include <sys/stat.h>

#include <filesystem>

#include "core/repo.hpp"
#include "core/resolve.hpp"
#include "util/error.hpp"
#include "util/fs.hpp"

using namespace userpkg;
namespace fs = std::filesystem;

namespace {

const std::string kSha(64, 'b');

std::string recipe(const std::string& name, const std::string& version, const std::string& summary,
                   const std::string& extra = "") {
  return "name = \"" + name + "\"\nsummary = \"" + summary + "\"\n[source]\nurl = \"https://x.org/" + name +
         "-{version}.tar.gz\"\n[versions]\n\"" + version + "\" = { sha256 = \"" + kSha + "\" }\n" + extra +
         "[build]\nsystem = \"autotools\"\n";
}

struct Repos {
  ScopedDir tmp{make_unique_dir(fs::temp_directory_path(), "repo-stack-test")};
  fs::path dir(const std::string& name) { return tmp.path() / name; }
  void write(const std::string& repo, const std::string& file, const std::string& text) {
    ensure_dir((dir(repo) / file).parent_path());
    write_file_atomic(dir(repo) / file, text);
  }
};

}  // namespace

TEST_CASE("repo precedence: higher priority first, then user repos before the built-in one", "[repo]") {
  Repos r;
  r.write("lab", "recipes/m4.toml", recipe("m4", "9.9", "lab m4"));
  r.write("low", "recipes/m4.toml", recipe("m4", "0.1", "low m4"));
  r.write("low", "recipes/onlylow.toml", recipe("onlylow", "1.0", "x"));

  SECTION("a user repo at the default priority beats the built-in m4") {
    RepoStack stack;
    stack.add(make_builtin_repo());  // added first, still after the user repo
    stack.add(make_directory_repo(r.dir("lab"), {"lab", "abc123", 0}));
    const Recipe& m4 = stack.get("m4");
    CHECK(m4.summary == "lab m4");
    CHECK(m4.repo == "lab");
    CHECK(m4.repo_revision == "abc123");
    auto all = stack.candidates("m4");
    REQUIRE(all.size() == 2);
    CHECK(all[0].repo->name == "lab");
    CHECK(all[1].repo->name == "built-in");
    CHECK(all[1].recipe->repo == "built-in");
  }
  SECTION("a negative priority puts a repo after the built-in one; a higher one before the others") {
    RepoStack stack;
    stack.add(make_directory_repo(r.dir("low"), {"low", "", -5}));
    stack.add(make_builtin_repo());
    stack.add(make_directory_repo(r.dir("lab"), {"lab", "", 0}));
    CHECK(stack.get("m4").summary == "lab m4");
    CHECK(stack.get("onlylow").repo == "low");
    std::vector<std::string> order;
    for (auto* id : stack.repos()) order.push_back(id->name);
    CHECK(order == std::vector<std::string>{"lab", "built-in", "low"});

    RepoStack raised;
    raised.add(make_directory_repo(r.dir("lab"), {"lab", "", 0}));
    raised.add(make_directory_repo(r.dir("low"), {"low", "", 10}));
    CHECK(raised.get("m4").summary == "low m4");
  }
  SECTION("REPO/NAME takes that repository's recipe even when another wins") {
    RepoStack stack;
    stack.add(make_directory_repo(r.dir("lab"), {"lab", "", 0}));
    stack.add(make_builtin_repo());
    CHECK(recipe_for(parse_spec("built-in/m4"), stack).repo == "built-in");
    CHECK(recipe_for(parse_spec("lab/m4@9.9"), stack).summary == "lab m4");
    CHECK_THROWS_WITH(recipe_for(parse_spec("nosuch/m4"), stack), Catch::Contains("no recipe repository named 'nosuch'"));
    CHECK_THROWS_WITH(recipe_for(parse_spec("lab/git"), stack), Catch::Contains("'lab' has no recipe named 'git'"));
  }
}

TEST_CASE("repo: a broken recipe is reported with file:line and does not hide the others", "[repo]") {
  Repos r;
  r.write("lab", "recipes/good.toml", recipe("good", "1.0", "fine"));
  r.write("lab", "recipes/bad.toml", "name = \"bad\"\nsummary = \"s\"\n[versions\n");
  RepoStack stack;
  stack.add(make_directory_repo(r.dir("lab"), {"lab", "", 0}));
  stack.add(make_builtin_repo());
  CHECK(stack.get("good").summary == "fine");
  CHECK_THROWS_WITH(stack.get("bad"), Catch::Contains("bad.toml:3"));
  auto names = stack.names();
  CHECK(std::count(names.begin(), names.end(), "bad") == 1);
  CHECK(stack.get("m4").repo == "built-in");

  SECTION("a broken copy shadowing a built-in recipe is an error, not a silent fallback") {
    r.write("lab", "recipes/m4.toml", "name = \"m4\"\n[source]\nurl = 1\n");
    RepoStack s2;
    s2.add(make_directory_repo(r.dir("lab"), {"lab", "", 0}));
    s2.add(make_builtin_repo());
    CHECK_THROWS_WITH(s2.get("m4"), Catch::Contains("m4.toml"));
    auto all = s2.candidates("m4");
    REQUIRE(all.size() == 2);
    CHECK(all[0].recipe == nullptr);
    CHECK(!all[0].error.empty());
    CHECK(all[1].recipe != nullptr);
  }
}

TEST_CASE("repo: names and patch paths cannot leave the repository", "[repo]") {
  Repos r;
  r.write("lab", "recipes/ok.toml", recipe("ok", "1.0", "s"));
  r.write("lab", "secret.toml", recipe("secret", "1.0", "outside recipes/"));
  r.write("outside", "evil.toml", recipe("evil", "1.0", "outside the repo"));
  RepoStack stack;
  stack.add(make_directory_repo(r.dir("lab"), {"lab", "", 0}));

  for (std::string bad : {"../secret", "../../outside/evil", "/etc/passwd", "a/b", "", ".hidden"})
    CHECK_THROWS_WITH(stack.find(bad), Catch::Contains("is not a recipe name"));
  CHECK_THROWS(parse_spec("../x"));
  CHECK_THROWS(parse_spec("lab/../x"));

  SECTION("a recipe file that is a symlink out of the repository is refused") {
    fs::create_symlink(r.dir("outside") / "evil.toml", r.dir("lab") / "recipes" / "evil.toml");
    CHECK_THROWS_WITH(stack.find("evil"), Catch::Contains("points outside"));
  }
  SECTION("patch paths with .. or a leading / are refused when the recipe loads") {
    r.write("lab", "recipes/p1.toml", recipe("p1", "1.0", "s", "[[patches]]\nfile = \"../recipes/ok.toml\"\nsha256 = \"" + kSha + "\"\n"));
    r.write("lab", "recipes/p2.toml", recipe("p2", "1.0", "s", "[[patches]]\nfile = \"/etc/passwd\"\nsha256 = \"" + kSha + "\"\n"));
    CHECK_THROWS_WITH(stack.get("p1"), Catch::Contains("p1.toml:8:") && Catch::Contains("must stay inside patches/"));
    CHECK_THROWS_WITH(stack.get("p2"), Catch::Contains("must stay inside patches/"));
    const Recipe& ok = stack.get("ok");
    CHECK_THROWS_WITH(stack.patch_text(ok, "../recipes/ok.toml"), Catch::Contains("leaves the repository's patches/ folder"));
    CHECK(stack.get("ok").name == "ok");
  }
  SECTION("a patch that is a symlink out of patches/ is refused") {
    ensure_dir(r.dir("lab") / "patches");
    fs::create_symlink(r.dir("outside") / "evil.toml", r.dir("lab") / "patches" / "fix.patch");
    r.write("lab", "recipes/p3.toml", recipe("p3", "1.0", "s", "[[patches]]\nfile = \"fix.patch\"\nsha256 = \"" + kSha + "\"\n"));
    const Recipe& p3 = stack.get("p3");
    CHECK_THROWS_WITH(stack.patch_text(p3, "fix.patch"), Catch::Contains("points outside"));
  }
}

TEST_CASE("repo: a listed recipe name that is no regular file is an error naming it, never a missing recipe",
          "[repo]") {
  // `search` walks names() and uses each recipe found: a name whose file cannot be read as a recipe
  // (a directory, a dangling link, a named pipe) must come back as an error, not as no recipe.
  Repos r;
  r.write("lab", "recipes/ok.toml", recipe("ok", "1.0", "s"));
  const fs::path recipes = r.dir("lab") / "recipes";
  fs::create_directory(recipes / "adir.toml");
  fs::create_symlink("nowhere.toml", recipes / "dangling.toml");
  REQUIRE(::mkfifo((recipes / "pipe.toml").c_str(), 0644) == 0);
  RepoStack stack;
  stack.add(make_directory_repo(r.dir("lab"), {"lab", "", 0}));
  stack.add(make_builtin_repo());
  auto names = stack.names();
  for (const char* name : {"adir", "dangling", "pipe"}) {
    CHECK(std::count(names.begin(), names.end(), name) == 1);
    CHECK_THROWS_WITH(stack.find(name), Catch::Contains(std::string(name) + ".toml") &&
                                            Catch::Contains("is not a recipe file"));
  }
  CHECK(stack.get("ok").summary == "s");
}
