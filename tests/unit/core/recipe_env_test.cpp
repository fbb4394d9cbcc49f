// [env] in recipes: list variables, [env.set] with allow, and every check with its file:line.
#include <catch2/catch.hpp>

#include "core/recipe_loader.hpp"
#include "util/error.hpp"

using namespace userpkg;

namespace {

// A minimal valid recipe; `env` is appended as its last lines (line 11 onwards).
std::string recipe_with(const std::string& env) {
  return "name = \"demo\"\n"
         "summary = \"A demo\"\n"
         "[source]\n"
         "url = \"https://example.org/demo-{version}.tar.xz\"\n"
         "[versions]\n"
         "\"1.0\" = { sha256 = \"" + std::string(64, 'a') + "\" }\n"
         "[build]\n"
         "system = \"make\"\n"
         "\n"
         "\n" + env;
}

Recipe load(const std::string& env) { return load_recipe(recipe_with(env), "demo.toml", "demo"); }

std::string error_of(const std::string& env) {
  try {
    load(env);
  } catch (const Error& e) {
    return e.what();
  }
  return "no error";
}

}  // namespace

TEST_CASE("recipe env: list variables, set variables and allow load into RecipeEnv", "[recipe][env]") {
  Recipe r = load(
      "[env]\n"
      "LD_LIBRARY_PATH = [\"{prefix}/lib64\", \"/opt/vendor/lib\"]\n"
      "MANPATH = []\n"
      "XDG_DATA_DIRS = [\"{prefix}/share\"]\n"
      "allow = [\"CUDA_HOME\", \"XDG_DATA_DIRS\"]\n"
      "[env.set]\n"
      "CUDA_HOME = \"{prefix}\"\n");
  CHECK(r.env.lists.at("LD_LIBRARY_PATH") == std::vector<std::string>{"{prefix}/lib64", "/opt/vendor/lib"});
  CHECK(r.env.lists.at("XDG_DATA_DIRS") == std::vector<std::string>{"{prefix}/share"});
  CHECK(r.env.declares("MANPATH"));  // declared empty: no default
  CHECK(r.env.lists.at("MANPATH").empty());
  CHECK_FALSE(r.env.declares("PATH"));
  CHECK(r.env.set == std::map<std::string, std::string>{{"CUDA_HOME", "{prefix}"}});
  CHECK(load("").env.lists.empty());
}

TEST_CASE("recipe env: a typo'd variable is an error that suggests the known name", "[recipe][env]") {
  std::string e = error_of("[env]\nLD_LIBARY_PATH = [\"{prefix}/lib\"]\n");
  CHECK_THAT(e, Catch::Contains("demo.toml:12"));
  CHECK_THAT(e, Catch::Contains("LD_LIBARY_PATH: unknown variable; did you mean LD_LIBRARY_PATH?"));
  CHECK_THAT(error_of("[env]\npkg_config_path = [\"/x\"]\n"), Catch::Contains("did you mean PKG_CONFIG_PATH?"));
  CHECK_THAT(error_of("[env]\nMANPAHT = [\"/x\"]\n"), Catch::Contains("did you mean MANPATH?"));
  // Far from every known name: no suggestion, but the way to allow it.
  std::string far = error_of("[env]\nGUILE_LOAD_DIRS = [\"{prefix}/share/guile\"]\n");
  CHECK_THAT(far, Catch::Contains("unknown variable (a list variable"));
  CHECK_THAT(far, Catch::Contains("allow = [\"GUILE_LOAD_DIRS\"]"));
  // A set variable close to a list variable is caught the same way.
  CHECK_THAT(error_of("[env.set]\nLD_LIBRARY_PAT = \"/x\"\n"), Catch::Contains("did you mean LD_LIBRARY_PATH?"));
}

TEST_CASE("recipe env: empty, relative and escaping directories are errors with their line", "[recipe][env]") {
  std::string empty = error_of("[env]\nMANPATH = [\"{prefix}/share/man\", \"\"]\n");
  CHECK_THAT(empty, Catch::Contains("demo.toml:12"));
  CHECK_THAT(empty, Catch::Contains("empty entry"));
  std::string relative = error_of("[env]\nPATH = [\"bin\"]\n");
  CHECK_THAT(relative, Catch::Contains("demo.toml:12"));
  CHECK_THAT(relative, Catch::Contains("'bin' is relative; write \"{prefix}/bin\""));
  CHECK_THAT(error_of("[env]\nPATH = [\"./bin\"]\n"), Catch::Contains("relative"));
  CHECK_THAT(error_of("[env]\nPATH = [\"{prefix}bin\"]\n"), Catch::Contains("relative"));
  CHECK_THAT(error_of("[env]\nPATH = [\"{prefix}/../other/bin\"]\n"), Catch::Contains("contains '..'"));
  CHECK_THAT(error_of("[env]\nPATH = [\"/a:/b\"]\n"), Catch::Contains("contains ':'"));
  CHECK_THAT(error_of("[env]\nPATH = [\"{prefix}/{version}/bin\"]\n"), Catch::Contains("only {prefix}"));
  CHECK_THAT(error_of("[env]\nPATH = [\"{prefix}/bin\", \"{prefix}/bin\"]\n"), Catch::Contains("twice"));
  CHECK_THAT(error_of("[env]\nPATH = \"{prefix}/bin\"\n"), Catch::Contains("must be a list of directories"));
  CHECK_THAT(error_of("[env]\nPATH = [1]\n"), Catch::Contains("entries must be strings"));
  CHECK(error_of("[env]\nPATH = [\"{prefix}\", \"{prefix}/sbin\", \"/usr/lib/x/bin\"]\n") == "no error");
}

TEST_CASE("recipe env: a set variable needs allow, and allow must be used", "[recipe][env]") {
  std::string no_allow = error_of("[env.set]\nCUDA_HOME = \"{prefix}\"\n");
  CHECK_THAT(no_allow, Catch::Contains("demo.toml:12"));
  CHECK_THAT(no_allow, Catch::Contains("add allow = [\"CUDA_HOME\"] to [env]"));
  CHECK_THAT(error_of("[env]\nallow = [\"CUDA_HOME\"]\n"), Catch::Contains("allow lists CUDA_HOME, which [env] does not use"));
  CHECK_THAT(error_of("[env]\nallow = [\"PATH\"]\nPATH = [\"/x\"]\n"), Catch::Contains("needs no allow"));
  CHECK_THAT(error_of("[env]\nallow = [\"PATH\"]\n[env.set]\nPATH = \"/x\"\n"), Catch::Contains("needs no allow"));
  CHECK_THAT(error_of("[env]\nallow = [\"LD_PRELOAD\"]\n[env.set]\nLD_PRELOAD = \"/x.so\"\n"),
             Catch::Contains("must not be set by a package"));
  CHECK_THAT(error_of("[env.set]\nMANPATH = \"/x\"\n"), Catch::Contains("is a list variable"));
  CHECK_THAT(error_of("[env]\nallow = [\"X\"]\n[env.set]\nX = \"\"\n"), Catch::Contains("X is empty"));
  CHECK_THAT(error_of("[env]\nallow = [\"X\"]\n[env.set]\nX = \"a\\nb\"\n"), Catch::Contains("control character"));
  CHECK_THAT(error_of("[env]\nallow = [\"X\"]\n[env.set]\nX = 3\n"), Catch::Contains("must be a string"));
  CHECK_THAT(error_of("[env]\nallow = [\"2X\"]\n"), Catch::Contains("not a variable name"));
  CHECK_THAT(error_of("[env]\nallow = [\"X\", \"X\"]\n[env.set]\nX = \"1\"\n"), Catch::Contains("twice"));
}

TEST_CASE("recipe env: [env.source] names a script per shell; bad paths and shells are errors", "[recipe][env]") {
  Recipe r = load("[env.source]\nsh = \"{prefix}/etc/profile.d/conda.sh\"\nfish = \"/opt/x/conda.fish\"\n");
  CHECK(r.env.source == std::map<std::string, std::string>{{"sh", "{prefix}/etc/profile.d/conda.sh"},
                                                           {"fish", "/opt/x/conda.fish"}});
  CHECK(r.env.lists.empty());
  std::string shell = error_of("[env.source]\nbash = \"{prefix}/etc/profile.d/conda.sh\"\n");
  CHECK_THAT(shell, Catch::Contains("demo.toml:12"));
  CHECK_THAT(shell, Catch::Contains("unknown key 'bash' in [env.source]"));
  std::string relative = error_of("[env.source]\nsh = \"etc/profile.d/conda.sh\"\n");
  CHECK_THAT(relative, Catch::Contains("demo.toml:12"));
  CHECK_THAT(relative, Catch::Contains("[env.source] sh: 'etc/profile.d/conda.sh' must be \"{prefix}/…\""));
  CHECK_THAT(error_of("[env.source]\nsh = \"{prefix}/../x.sh\"\n"), Catch::Contains("contains '..'"));
  CHECK_THAT(error_of("[env.source]\nsh = \"{prefix}/{version}.sh\"\n"), Catch::Contains("only {prefix}"));
  CHECK_THAT(error_of("[env.source]\nsh = \"\"\n"), Catch::Contains("is empty"));
  CHECK_THAT(error_of("[env.source]\nsh = [\"/a.sh\"]\n"), Catch::Contains("must be a string"));
  CHECK_THAT(error_of("[env]\nsource = \"/a.sh\"\n"), Catch::Contains("'source' must be a table"));
}
