#include <catch2/catch.hpp>

#include <map>

#include "core/resolve.hpp"
#include "util/error.hpp"

using namespace userpkg;

namespace {

const std::string kSha(64, 'a');

std::string recipe_toml(const std::string& name, const std::vector<std::string>& versions, const std::string& extra = "") {
  std::string t = "name = \"" + name + "\"\nsummary = \"s\"\n[source]\nurl = \"https://x.org/" + name +
                  "-{version}.tar.gz\"\n[source.kinds.git-archive]\nurl = \"https://x.org/g/{version}.tar.gz\"\nregenerate = true\n[versions]\n";
  for (auto& v : versions) t += "\"" + v + "\" = { sha256 = \"" + kSha + "\", git-archive = \"" + kSha + "\" }\n";
  return t + extra + "[build]\nsystem = \"autotools\"\n";
}

class MemoryRepo : public RecipeRepo {
 public:
  std::map<std::string, std::string> texts;
  RepoIdentity id{"memory", "", 0};
  const RepoIdentity& identity() const override { return id; }
  std::vector<std::string> recipe_names() const override {
    std::vector<std::string> n;
    for (auto& [k, v] : texts) n.push_back(k);
    return n;
  }
  std::optional<std::string> recipe_text(const std::string& r) const override {
    auto it = texts.find(r);
    if (it == texts.end()) return std::nullopt;
    return it->second;
  }
  std::string recipe_origin(const std::string& r) const override { return r + ".toml"; }
  std::optional<std::string> patch_text(const std::string&) const override { return std::nullopt; }
};

struct Fixture {
  RepoStack repos;
  std::map<std::string, SystemCheck> system;  // recipe -> status
  std::map<std::string, std::vector<Version>> installed;
  ResolveQueries queries;

  Fixture() {
    auto repo = std::make_unique<MemoryRepo>();
    repo->texts["python"] = recipe_toml("python", {"3.8.18", "3.9.2", "3.11.2", "3.11.9"},
                                        "[depends]\nopenssl = { version = \"1.1.1:\", system = true, for = \"the ssl module\", "
                                        "build = { \"@:3.9\" = \"1.1.1\" } }\nreadline = { system = true }\n");
    repo->texts["openssl"] = recipe_toml("openssl", {"1.1.1w", "3.0.13", "3.3.1"});
    repo->texts["readline"] = recipe_toml("readline", {"8.2"}, "[depends]\nncurses = { system = true }\n");
    repo->texts["ncurses"] = recipe_toml("ncurses", {"6.4"});
    repo->texts["git"] = recipe_toml("git", {"2.39.5"}, "[depends]\nzlib = { system = true }\n");
    repo->texts["zlib"] = recipe_toml("zlib", {"1.3.1"});
    for (auto t : {"automake", "libtool", "m4"}) repo->texts[t] = recipe_toml(t, {"1.0"});
    repo->texts["autoconf"] = recipe_toml("autoconf", {"2.71"});
    repos.add(std::move(repo));
    for (auto n : {"openssl", "readline", "ncurses", "zlib", "autoconf", "automake", "libtool", "m4"})
      system[n] = SystemCheck{true, Version::parse("3.0.2"), ""};
    queries.system = [this](const Recipe& r, const VersionConstraint& c) {
      SystemCheck s = system[r.name];
      if (s.usable && s.version && !c.matches(*s.version)) s = {false, s.version, "version " + s.version->str() + " is too old"};
      return s;
    };
    queries.installed = [this](const std::string& n) { return installed[n]; };
  }

  Plan plan(const std::string& spec, const std::string& build_deps = "missing", const std::string& kind = "") {
    ResolveOptions o;
    o.build_deps = BuildDeps::parse(build_deps);
    o.source_kind = kind;
    return resolve({parse_spec(spec)}, repos, o, queries);
  }
};

std::string describe(const Plan& p) {
  std::string out;
  for (auto& pkg : p.packages) {
    out += pkg.name() + "@" + pkg.version->version.str();
    out += pkg.action == Action::Build ? ":build " : pkg.action == Action::Reuse ? ":reuse " : ":system ";
  }
  return out;
}

}  // namespace

TEST_CASE("the newest matching version is chosen, dependencies first", "[resolve]") {
  Fixture f;
  CHECK(describe(f.plan("python")) == "openssl@3.3.1:system readline@8.2:system python@3.11.9:build ");
  CHECK(describe(f.plan("python@3.11.2")) == "openssl@3.3.1:system readline@8.2:system python@3.11.2:build ");
  CHECK(f.plan("python@3.8:3.9").packages.back().version->version.str() == "3.9.2");
}

TEST_CASE("an unusable system dependency is built, at the version the dependent asks for", "[resolve]") {
  Fixture f;
  f.system["openssl"] = SystemCheck{false, Version::parse("1.0.2"), "version 1.0.2k is older than 1.1.1"};
  auto p = f.plan("python@3.9");
  CHECK(describe(p) == "openssl@1.1.1w:build readline@8.2:system python@3.9.2:build ");
  CHECK_THAT(p.packages[0].reason, Catch::Contains("older than 1.1.1"));
  CHECK(describe(f.plan("python@3.11")) == "openssl@3.3.1:build readline@8.2:system python@3.11.9:build ");
}

TEST_CASE("--build-deps policies", "[resolve]") {
  Fixture f;
  CHECK(describe(f.plan("python@3.9", "openssl,readline")) ==
        "openssl@1.1.1w:build ncurses@6.4:system readline@8.2:build python@3.9.2:build ");
  CHECK(describe(f.plan("python@3.9", "always")) ==
        "openssl@1.1.1w:build ncurses@6.4:build readline@8.2:build python@3.9.2:build ");
  f.system["readline"] = SystemCheck{false, std::nullopt, "no header readline/readline.h"};
  try {
    f.plan("python", "never");
    FAIL("expected an error");
  } catch (const Error& e) {
    CHECK_THAT(std::string(e.what()), Catch::Contains("python needs readline"));
    CHECK_THAT(e.why(), Catch::Contains("readline/readline.h"));
  }
  CHECK_THROWS_AS(BuildDeps::parse("never,openssl"), Error);
}

TEST_CASE("installed packages are reused", "[resolve]") {
  Fixture f;
  f.installed["python"] = {Version::parse("3.11.2")};
  CHECK(describe(f.plan("python@3.11")) == "openssl@3.3.1:system readline@8.2:system python@3.11.2:reuse ");
  CHECK(describe(f.plan("python@3.9")).find("python@3.9.2:build") != std::string::npos);
}

TEST_CASE("a source without configure pulls in the autotools", "[resolve]") {
  Fixture f;
  f.system["autoconf"] = SystemCheck{false, std::nullopt, "autoconf not found"};
  auto p = f.plan("git", "missing", "git-archive");
  CHECK(describe(p) ==
        "zlib@1.3.1:system autoconf@2.71:build automake@1.0:system libtool@1.0:system m4@1.0:system git@2.39.5:build ");
  CHECK(p.find("autoconf")->tool);
  CHECK(p.find("git")->regenerate());
  // A system autoconf older than the recipe's regenerate_depends allow is not used.
  f.system["autoconf"] = SystemCheck{true, Version::parse("2.13"), ""};
  CHECK(f.plan("git", "missing", "git-archive").find("autoconf")->action == Action::Build);
  f.system["autoconf"] = SystemCheck{true, Version::parse("2.72"), ""};
  CHECK(f.plan("git", "missing", "git-archive").find("autoconf")->action == Action::System);
}

TEST_CASE("no match lists the available versions; unknown names get a suggestion", "[resolve]") {
  Fixture f;
  try {
    f.plan("python@3.7");
    FAIL("expected an error");
  } catch (const Error& e) {
    CHECK_THAT(e.why(), Catch::Contains("3.11.9, 3.11.2, 3.9.2, 3.8.18"));
  }
  try {
    f.plan("pyhton");
    FAIL("expected an error");
  } catch (const Error& e) {
    CHECK_THAT(e.hint(), Catch::Contains("did you mean 'python'"));
  }
}
