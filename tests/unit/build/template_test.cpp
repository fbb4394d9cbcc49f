#include <catch2/catch.hpp>

#include "build/template.hpp"
#include "core/repo.hpp"
#include "util/error.hpp"
#include "util/process.hpp"

using namespace userpkg;

namespace {
const TemplateVars kVars = {{"version", "3.11.2"}, {"prefix", "/p/pkgs/python/3.11.2"}, {"destdir", "/tmp/stage"},
                            {"jobs", "4"}, {"dep.openssl", "/p/pkgs/openssl/1.1.1w"}};
}

TEST_CASE("placeholders are filled in", "[template]") {
  CHECK(expand_template("Python-{version}.tgz", kVars) == "Python-3.11.2.tgz");
  CHECK(expand_template("--with-openssl={dep.openssl}", kVars) == "--with-openssl=/p/pkgs/openssl/1.1.1w");
  CHECK(expand_template("PREFIX={destdir}{prefix}", kVars) == "PREFIX=/tmp/stage/p/pkgs/python/3.11.2");
  CHECK(expand_template("-j{jobs}", kVars) == "-j4");
  CHECK(expand_template("{prefix}/bin/python3 -c 'import ssl'", kVars) == "/p/pkgs/python/3.11.2/bin/python3 -c 'import ssl'");
  CHECK(expand_template("{version}{version}", kVars) == "3.11.23.11.2");
}

TEST_CASE("text without placeholders is unchanged", "[template]") {
  for (const char* text : {"", "plain", "--enable-shared", "{", "}", "a{b", "{}", "{ prefix }", "x}{y"}) {
    INFO(text);
    CHECK(expand_template(text, kVars) == text);
  }
}

TEST_CASE("braces that are not ours are kept", "[template]") {
  CHECK(expand_template("--libdir=${prefix}/lib", kVars) == "--libdir=${prefix}/lib");
  CHECK(expand_template("python3 -c 'print({1: 2})'", kVars) == "python3 -c 'print({1: 2})'");
  CHECK(expand_template("{unknown} {prefix}", kVars) == "{unknown} /p/pkgs/python/3.11.2");
  CHECK(expand_template("awk '{print $1}' {version}", kVars) == "awk '{print $1}' 3.11.2");
  CHECK(expand_template("{{version}}", kVars) == "{3.11.2}");
}

TEST_CASE("a dependency that is not built is an error", "[template]") {
  CHECK_THROWS_AS(expand_template("--with-ffi={dep.libffi}", kVars), Error);
  try {
    (void)expand_template("--with-ffi={dep.libffi}", kVars);
  } catch (const Error& e) {
    CHECK(std::string(e.what()).find("{dep.libffi}") != std::string::npos);
    CHECK(e.why().find("libffi is not built") != std::string::npos);
    CHECK(e.hint().find("libffi:built") != std::string::npos);
  }
  CHECK(expand_template("${dep.libffi}", kVars) == "${dep.libffi}");
}

TEST_CASE("build template variables come from the request", "[template]") {
  Recipe recipe;
  recipe.name = "python";
  RecipeVersion version{Version::parse("3.11.2"), {}, {}, {}};
  BuildRequest req;
  req.recipe = &recipe;
  req.version = &version;
  req.install_prefix = "/p/pkgs/python/3.11.2";
  req.destdir = "/tmp/stage";
  req.deps = {{"openssl", Version::parse("1.1.1w"), false, "/p/pkgs/openssl/1.1.1w"},
              {"zlib", Version::parse("1.2.13"), true, {}}};
  auto vars = build_template_vars(req, 8);
  CHECK(vars.at("version") == "3.11.2");
  CHECK(vars.at("prefix") == "/p/pkgs/python/3.11.2");
  CHECK(vars.at("destdir") == "/tmp/stage");
  CHECK(vars.at("jobs") == "8");
  CHECK(vars.at("dep.openssl") == "/p/pkgs/openssl/1.1.1w");
  CHECK(vars.count("dep.zlib") == 0);
  CHECK(build_template_vars(req, 1, false).at("destdir").empty());
}

namespace {
// What /bin/sh prints for `command` (each argument of printf on a line of its own).
std::string shell_output(const std::string& command) {
  CapturedOutput out = capture_process({"/bin/sh", "-c", command});
  REQUIRE(out.status == 0);
  return out.output;
}
}  // namespace

TEST_CASE("values filled into shell commands stay literal text in every quoting context", "[template]") {
  const std::string hostile = "/p q/it's \"x\" `touch pwned` $(touch pwned) $HOME \\n *";
  const TemplateVars vars = {{"prefix", hostile}, {"destdir", ""}, {"version", "1.0"}};
  for (const char* command : {"printf '%s\\n' {prefix}/bin", "printf '%s\\n' \"{prefix}/bin\"",
                              "printf '%s\\n' '{prefix}/bin'", "printf '%s\\n' {destdir}{prefix}/bin",
                              "printf '%s\\n' \"{destdir}{prefix}\"/bin", "printf '%s\\n' 'a'\\''{prefix}/bin'"}) {
    INFO(command);
    std::string expanded = expand_shell_template(command, vars);
    INFO(expanded);
    std::string expected = std::string(command).find("'a'") != std::string::npos ? "a'" + hostile + "/bin\n" : hostile + "/bin\n";
    CHECK(shell_output(expanded) == expected);
  }
}

TEST_CASE("shell commands keep their own quoting and braces", "[template]") {
  const TemplateVars vars = {{"prefix", "/p/pkgs/x/1"}, {"destdir", ""}};
  CHECK(expand_shell_template("{prefix}/bin/python3 -c 'import ssl'", vars) == "'/p/pkgs/x/1'/bin/python3 -c 'import ssl'");
  CHECK(expand_shell_template("find {destdir}{prefix}/lib -exec rm -rf {} +", vars) ==
        "find '/p/pkgs/x/1'/lib -exec rm -rf {} +");
  CHECK(expand_shell_template("echo ${prefix} \"$x\"", vars) == "echo ${prefix} \"$x\"");
  CHECK(shell_output(expand_shell_template("echo \"{destdir}{prefix}/c\"", vars)) == "/p/pkgs/x/1/c\n");
}

TEST_CASE("every built-in recipe's test and post_install commands stay valid shell once filled in", "[template]") {
  RepoStack repos;
  repos.add(make_builtin_repo());
  const TemplateVars vars = {{"prefix", "/p/pkgs/x/1"}, {"destdir", "/stage"}, {"version", "1.0"}, {"jobs", "2"}};
  int checked = 0;
  for (const std::string& name : repos.names()) {
    const Recipe& recipe = repos.get(name);
    std::vector<std::string> commands = recipe.test_commands;
    commands.insert(commands.end(), recipe.build.post_install.begin(), recipe.build.post_install.end());
    for (const std::string& command : commands) {
      INFO(name << ": " << command);
      std::string expanded = expand_shell_template(command, vars);
      INFO(expanded);
      CHECK(capture_process({"/bin/sh", "-n", "-c", expanded}).status == 0);
      if (command.find("{prefix}") != std::string::npos) CHECK(expanded.find("/p/pkgs/x/1") != std::string::npos);
      ++checked;
    }
  }
  CHECK(checked >= 5);
}

TEST_CASE("values filled into a here-document body or after a comment are the plain text", "[template]") {
  // Quotes are not syntax inside a here-document: a value quoted there ended up in the file with
  // its quotes ('/p/pkgs/x/1'/lib). An apostrophe in a comment opens no quote either.
  const TemplateVars vars = {{"prefix", "/p/pkgs/x/1"}, {"destdir", ""}, {"version", "1.0"}};
  CHECK(shell_output(expand_shell_template("cat <<EOF\n{prefix}/lib\nEOF", vars)) == "/p/pkgs/x/1/lib\n");
  CHECK(shell_output(expand_shell_template("cat <<'EOF'\n$HOME {prefix}/lib\nEOF", vars)) == "$HOME /p/pkgs/x/1/lib\n");
  CHECK(shell_output(expand_shell_template("cat <<-END; echo {version}\n\tv={version}\n\tEND\necho {prefix}", vars)) ==
        "v=1.0\n1.0\n/p/pkgs/x/1\n");
  CHECK(shell_output(expand_shell_template("cat <<A; cat <<B\na {prefix}\nA\nb {prefix}\nB\necho {prefix}", vars)) ==
        "a /p/pkgs/x/1\nb /p/pkgs/x/1\n/p/pkgs/x/1\n");
  const TemplateVars spaced = {{"prefix", "/p q/it's"}, {"destdir", ""}};
  CHECK(shell_output(expand_shell_template("true # it's fine\nprintf '%s|' {prefix} '#x'", spaced)) == "/p q/it's|#x|");
  CHECK(shell_output(expand_shell_template("echo a#b'{prefix}'", vars)) == "a#b/p/pkgs/x/1\n");
}
