#include <catch2/catch.hpp>

#include "build/build_env.hpp"
#include "build/build_log.hpp"

using namespace userpkg;

namespace {

struct Fixture {
  Recipe recipe;
  RecipeVersion version{Version::parse("3.8.18"), {}, {}, {}};
  BuildRequest req;
  Environment base;

  Fixture() {
    recipe.name = "python";
    req.recipe = &recipe;
    req.version = &version;
    req.install_prefix = "/p/pkgs/python/3.8.18";
    req.destdir = "/tmp/stage";
    req.deps = {{"openssl", Version::parse("1.1.1w"), false, "/p/pkgs/openssl/1.1.1w"},
                {"libffi", Version::parse("3.4.4"), false, "/p/pkgs/libffi/3.4.4"},
                {"zlib", Version::parse("1.2.13"), true, {}}};
    base.set("PATH", "/usr/bin:/bin");
    base.set("HOME", "/home/u");
  }
  Environment env() const { return make_build_environment(req, base, build_template_vars(req, 2)); }
};

}  // namespace

TEST_CASE("built dependencies come first on PATH, in order, after tool paths", "[build_env]") {
  Fixture f;
  f.req.tool_paths = {"/p/pkgs/autoconf/2.71/bin"};
  auto env = f.env();
  CHECK(env.get("PATH") == "/p/pkgs/autoconf/2.71/bin:/p/pkgs/openssl/1.1.1w/bin:/p/pkgs/libffi/3.4.4/bin:/usr/bin:/bin");
  CHECK(env.get("HOME") == "/home/u");
  CHECK(env.get("ACLOCAL_PATH")->find("/p/pkgs/autoconf/2.71/share/aclocal") == 0);
}

TEST_CASE("compiler and linker flags for built dependencies and the rpath", "[build_env]") {
  Fixture f;
  f.base.set("CPPFLAGS", "-DUSER");
  f.base.set("LDFLAGS", "-L/opt/lib");
  auto env = f.env();
  CHECK(env.get("CPPFLAGS") == "-I/p/pkgs/openssl/1.1.1w/include -I/p/pkgs/libffi/3.4.4/include -DUSER");
  CHECK(env.get("LDFLAGS") ==
        "-L/p/pkgs/openssl/1.1.1w/lib -Wl,-rpath,/p/pkgs/openssl/1.1.1w/lib "
        "-L/p/pkgs/libffi/3.4.4/lib -Wl,-rpath,/p/pkgs/libffi/3.4.4/lib "
        "-Wl,-rpath,/p/pkgs/python/3.8.18/lib -L/opt/lib");
  CHECK(env.get("PKG_CONFIG_PATH") ==
        "/p/pkgs/openssl/1.1.1w/lib/pkgconfig:/p/pkgs/openssl/1.1.1w/share/pkgconfig:"
        "/p/pkgs/libffi/3.4.4/lib/pkgconfig:/p/pkgs/libffi/3.4.4/share/pkgconfig");
}

TEST_CASE("without built dependencies only the own rpath is added", "[build_env]") {
  Fixture f;
  f.req.deps = {{"zlib", Version::parse("1.2.13"), true, {}}};
  auto env = f.env();
  CHECK_FALSE(env.get("CPPFLAGS"));
  CHECK(env.get("LDFLAGS") == "-Wl,-rpath,/p/pkgs/python/3.8.18/lib");
  CHECK_FALSE(env.get("PKG_CONFIG_PATH"));
  CHECK(env.get("PATH") == "/usr/bin:/bin");
}

TEST_CASE("LD_LIBRARY_PATH is removed from the build", "[build_env]") {
  Fixture f;
  f.base.set("LD_LIBRARY_PATH", "/opt/conda/lib");
  CHECK_FALSE(f.env().get("LD_LIBRARY_PATH"));
}

TEST_CASE("recipe env and additions whose condition holds", "[build_env]") {
  Fixture f;
  f.recipe.build.env = {{"GREETING", "v{version}"}, {"LDFLAGS", "-lm"}};
  BuildAddition old_python;
  old_python.condition = "@3.8 openssl:built";
  old_python.cflags = {"-O1"};
  old_python.cppflags = {"-DOPENSSL={dep.openssl}"};
  old_python.ldflags = {"-lfoo"};
  old_python.env = {{"MARK", "old"}};
  BuildAddition system_ssl;
  system_ssl.condition = "openssl:system";
  system_ssl.cflags = {"-DNEVER"};
  system_ssl.env = {{"MARK", "system"}};
  f.recipe.build.additions = {old_python, system_ssl};
  auto env = f.env();
  CHECK(env.get("GREETING") == "v3.8.18");
  CHECK(env.get("MARK") == "old");
  CHECK(env.get("CFLAGS") == "-O1");
  CHECK(env.get("CPPFLAGS")->find("-DOPENSSL=/p/pkgs/openssl/1.1.1w") != std::string::npos);
  // The recipe's LDFLAGS add to the rpath flags instead of replacing them.
  CHECK(env.get("LDFLAGS")->find("-Wl,-rpath,/p/pkgs/python/3.8.18/lib") != std::string::npos);
  CHECK(env.get("LDFLAGS")->rfind("-lm -lfoo") != std::string::npos);
  REQUIRE(active_additions(f.req).size() == 1);
  CHECK(active_additions(f.req)[0]->condition == "@3.8 openssl:built");

  f.version.version = Version::parse("3.11.2");
  CHECK(active_additions(f.req).empty());
  CHECK_FALSE(f.env().get("MARK"));
}

TEST_CASE("last lines of a log", "[build_log]") {
  CHECK(last_lines("", 3).empty());
  CHECK(last_lines("a\nb\nc\nd\n", 2) == std::vector<std::string>{"c", "d"});
  CHECK(last_lines("a\nb", 5) == std::vector<std::string>{"a", "b"});
  CHECK(last_lines("a\n\n\n", 5) == std::vector<std::string>{"a"});
}
