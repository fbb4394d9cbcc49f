// The env code of a generation and `userpkg env`: merged values, and the text run in real shells
// (sh, bash, zsh, fish where installed) twice, to see that the second run changes nothing.
#include <catch2/catch.hpp>

#include <filesystem>

#include "shell/env_script.hpp"
#include "util/environment.hpp"
#include "util/fs.hpp"
#include "util/process.hpp"
#include "util/strings.hpp"

using namespace userpkg;

namespace {

PackageEnv env_with(std::map<std::string, std::vector<std::string>> lists, std::map<std::string, std::string> set = {}) {
  return PackageEnv{std::move(lists), std::move(set), {}};
}

std::string shell_program(const std::string& name) {
  return find_program(name, env_value("PATH").value_or("/usr/bin:/bin")).string();
}

// Runs `code` twice in `shell` and prints `report` (shell code) after each run, one line each.
// `unset` names variables removed from the environment first (PATH among them is the hard case).
std::pair<std::string, std::string> run_twice(const std::string& shell, const std::string& code,
                                              const std::string& report, const std::vector<std::string>& unset,
                                              const std::map<std::string, std::string>& set = {}) {
  Environment env = Environment::current();
  for (const std::string& name : unset) env.unset(name);
  for (const auto& [name, value] : set) env.set(name, value);
  env.set("USERPKG_TEST_CODE", code);
  const bool fish = shell.ends_with("fish");
  // The code must also end with status 0: `eval "$(userpkg env)" && …` and `userpkg env | source; and …`.
  const std::string eval = fish ? "eval $USERPKG_TEST_CODE; or exit 3; " : "eval \"$USERPKG_TEST_CODE\" || exit 3; ";
  std::string script = eval + report + "; " + eval + report;
  std::vector<std::string> argv = {shell};
  if (fish) argv.push_back("--no-config");
  argv.insert(argv.end(), {"-c", script});
  ProcessOptions options;
  options.environment = env;
  CapturedOutput out = capture_process(argv, options);
  INFO(shell << " printed: " << out.output);
  REQUIRE(out.status == 0);
  auto newline = out.output.find('\n');
  REQUIRE(newline != std::string::npos);
  std::string second = out.output.substr(newline + 1);
  if (second.ends_with('\n')) second.pop_back();
  return {out.output.substr(0, newline), second};
}

// Run by absolute path, so it works with PATH unset too.
const std::string kChildReport =
    "/bin/sh -c 'printf \"%s|%s|%s|%s\\n\" \"${PATH-unset}\" \"${MANPATH-unset}\" \"${PKG_CONFIG_PATH-unset}\" "
    "\"${CUDA_HOME-unset}\"'";

struct TempDir {
  ScopedDir dir{make_unique_dir(std::filesystem::temp_directory_path(), "userpkg-env-test")};
  std::filesystem::path make(const std::string& sub) {
    std::filesystem::create_directories(dir.path() / sub);
    return dir.path() / sub;
  }
};

}  // namespace

TEST_CASE("merge: later packages first, each directory once, PATH and LD_LIBRARY_PATH left out", "[shell][env]") {
  std::vector<PackageEnv> envs = {
      env_with({{"PATH", {"/p/a/bin"}}, {"MANPATH", {"/p/a/man"}}, {"PKG_CONFIG_PATH", {"/p/a/pc", "/shared/pc"}},
                {"LD_LIBRARY_PATH", {"/p/a/lib"}}},
               {{"CUDA_HOME", "/p/a"}}),
      env_with({{"PKG_CONFIG_PATH", {"/p/b/pc", "/shared/pc"}}, {"XDG_DATA_DIRS", {"/p/b/share"}},
                {"MANPATH", {"relative/man"}}},
               {{"CUDA_HOME", "/p/b"}}),
  };
  EnvAdditions merged = merge_package_envs(envs, EnvScope{});
  using Lists = std::vector<std::pair<std::string, std::vector<std::string>>>;
  CHECK(merged.lists == Lists{{"MANPATH", {"/p/a/man"}},
                              {"PKG_CONFIG_PATH", {"/p/b/pc", "/shared/pc", "/p/a/pc"}},
                              {"XDG_DATA_DIRS", {"/p/b/share"}}});
  CHECK(merged.set == std::map<std::string, std::string>{{"CUDA_HOME", "/p/b"}});

  EnvAdditions with_library_path = merge_package_envs(envs, EnvScope{true});
  REQUIRE(with_library_path.lists.size() == 4);
  CHECK(with_library_path.lists[0] == std::pair<std::string, std::vector<std::string>>{"LD_LIBRARY_PATH", {"/p/a/lib"}});
  CHECK(merge_package_envs({env_with({{"PATH", {"/p/a/bin"}}})}, EnvScope{true}).empty());
}

TEST_CASE("env code: the POSIX text prepends once and exports", "[shell][env]") {
  EnvAdditions a;
  a.lists = {{"PKG_CONFIG_PATH", {"/p/x/pc", "/p/y pc"}}};
  a.set = {{"CUDA_HOME", "/p/it's"}};
  std::string code = env_code(a, Shell::bash);
  // Prepended last first, so that /p/x/pc ends up in front.
  CHECK(code.find("'/p/y pc'") < code.find("/p/x/pc"));
  CHECK_THAT(code, Catch::Contains("case \":${PKG_CONFIG_PATH-}:\" in *:/p/x/pc:*) ;; *) "
                                   "PKG_CONFIG_PATH=/p/x/pc${PKG_CONFIG_PATH:+\":$PKG_CONFIG_PATH\"} ;; esac\n"));
  CHECK_THAT(code, Catch::Contains("export PKG_CONFIG_PATH\n"));
  CHECK_THAT(code, Catch::Contains("CUDA_HOME='/p/it'\\''s'; export CUDA_HOME\n"));
  CHECK(env_code(EnvAdditions{}, Shell::sh).empty());
  CHECK(env_code(a, Shell::zsh) == code);
}

TEST_CASE("env code: run twice in sh, bash and zsh it changes nothing, also with PATH unset", "[shell][env]") {
  TempDir tmp;
  const std::string bin = tmp.make("prefix dir/bin").string();  // a space, to test the quoting
  const std::string man = tmp.make("pkgs/a/share/man").string();
  const std::string pc1 = tmp.make("pkgs/a/lib/pkgconfig").string();
  const std::string pc2 = tmp.make("pkgs/b/it's/pkgconfig").string();
  EnvAdditions a;
  a.lists = {{"MANPATH", {man}}, {"PKG_CONFIG_PATH", {pc2, pc1}}};
  a.set = {{"CUDA_HOME", "/p/cuda"}};
  const std::string code = path_prepend_code(bin, Shell::sh) + env_code(a, Shell::sh);
  // A child process reports what it was given: that shows what was exported, not just set.
  const std::string report = kChildReport;
  for (const std::string name : {"sh", "bash", "zsh"}) {
    const std::string shell = shell_program(name);
    if (shell.empty()) {
      WARN(name << " is not installed: skipped");
      continue;
    }
    // PATH set, MANPATH unset: man's default path is kept by the trailing ':'.
    auto [first, second] = run_twice(shell, code, report, {"MANPATH", "PKG_CONFIG_PATH", "CUDA_HOME"},
                                     {{"PATH", "/usr/bin:/bin"}});
    CHECK(first == second);
    CHECK(first == bin + ":/usr/bin:/bin|" + man + ":|" + pc2 + ":" + pc1 + "|/p/cuda");
    // Existing values are kept behind ours; a directory already there is not added again.
    auto [kept, kept_again] = run_twice(shell, code, report, {},
                                        {{"PATH", "/usr/bin:" + bin}, {"MANPATH", "/usr/share/man"},
                                         {"PKG_CONFIG_PATH", pc1 + ":/usr/lib/pkgconfig"}});
    CHECK(kept == kept_again);
    CHECK(kept == "/usr/bin:" + bin + "|" + man + ":/usr/share/man|" + pc2 + ":" + pc1 + ":/usr/lib/pkgconfig|/p/cuda");
    // PATH unset: our bin plus the standard system directories, never an empty entry.
    auto [no_path, no_path_again] = run_twice(shell, code, report, {"PATH", "MANPATH", "PKG_CONFIG_PATH"});
    CHECK(no_path == no_path_again);
    // sh and bash (which makes up a PATH ending in "." when started without one) get the standard
    // directories; zsh makes up its own, which is kept.
    CHECK(no_path.starts_with(bin + ":"));
    if (name != "zsh") CHECK(no_path.starts_with(bin + ":/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin|"));
    for (const std::string& entry : split(no_path.substr(0, no_path.find('|')), ':')) CHECK(entry.starts_with("/"));
  }
}

TEST_CASE("env code: run twice in fish it changes nothing, also with PATH unset", "[shell][env]") {
  const std::string fish = shell_program("fish");
  if (fish.empty()) {
    WARN("fish is not installed: skipped");
    return;
  }
  TempDir tmp;
  const std::string bin = tmp.make("prefix dir/bin").string();
  const std::string man = tmp.make("pkgs/a/share/man").string();
  const std::string data = tmp.make("pkgs/a/it's").string();
  EnvAdditions a;
  a.lists = {{"MANPATH", {man}}, {"XDG_DATA_DIRS", {data}}};
  a.set = {{"CUDA_HOME", "/p/cuda"}};
  const std::string code = path_prepend_code(bin, Shell::fish) + env_code(a, Shell::fish);
  // fish exports a list variable ':'-joined; the child shows what it got.
  const std::string report = replace_all(kChildReport, "PKG_CONFIG_PATH", "XDG_DATA_DIRS");
  auto [first, second] = run_twice(fish, code, report, {"MANPATH", "XDG_DATA_DIRS", "CUDA_HOME"},
                                   {{"PATH", "/usr/bin:/bin"}});
  CHECK(first == second);
  CHECK(first == bin + ":/usr/bin:/bin|" + man + ":|" + data + "|/p/cuda");
  auto [kept, kept_again] = run_twice(fish, code, report, {},
                                      {{"PATH", "/usr/bin:/bin"}, {"MANPATH", "/usr/share/man"},
                                       {"XDG_DATA_DIRS", "/usr/share"}});
  CHECK(kept == kept_again);
  CHECK(kept == bin + ":/usr/bin:/bin|" + man + ":/usr/share/man|" + data + ":/usr/share|/p/cuda");
  auto [no_path, no_path_again] = run_twice(fish, code, report, {"PATH"});
  CHECK(no_path == no_path_again);
  // fish makes up "/bin:/usr/bin" when started without PATH; ours goes in front.
  CHECK(no_path.starts_with(bin + ":/"));
  for (const std::string& entry : split(no_path.substr(0, no_path.find('|')), ':')) CHECK(entry.starts_with("/"));
}

TEST_CASE("fish_quote escapes what fish's single quotes need", "[shell][env]") {
  CHECK(fish_quote("/p/bin") == "/p/bin");
  CHECK(fish_quote("/p q/it's\\x") == "'/p q/it\\'s\\\\x'");
  CHECK(fish_quote("") == "''");
}

TEST_CASE("merge: [env.source] scripts per shell, in package order, each once", "[shell][env]") {
  PackageEnv a = env_with({});
  a.source = {{"sh", "/p/a/a.sh"}, {"fish", "/p/a/a.fish"}};
  PackageEnv b = env_with({});
  b.source = {{"sh", "/p/b/b.sh"}};
  PackageEnv damaged = env_with({});
  damaged.source = {{"fish", "relative.fish"}};
  EnvAdditions merged = merge_package_envs({a, b, a, damaged}, EnvScope{});
  CHECK(merged.sources == std::map<std::string, std::vector<std::string>>{{"sh", {"/p/a/a.sh", "/p/b/b.sh"}},
                                                                          {"fish", {"/p/a/a.fish"}}});
  CHECK_FALSE(merged.empty());
  const std::string sh = env_code(merged, Shell::bash);
  CHECK_THAT(sh, Catch::Contains("if [ -r /p/a/a.sh ]; then . /p/a/a.sh; fi\n"));
  CHECK(sh.find("a.fish") == std::string::npos);
  const std::string fish = env_code(merged, Shell::fish);
  CHECK_THAT(fish, Catch::Contains("if test -r /p/a/a.fish\n    source /p/a/a.fish\nend\n"));
  CHECK(fish.find(".sh") == std::string::npos);
}

TEST_CASE("env code: a sourced script runs in every shell; a missing one is silent and fails nothing",
          "[shell][env]") {
  TempDir tmp;
  const std::string dir = tmp.make("pkgs/conda/it's/etc").string();
  write_file_atomic(dir + "/conda.sh", "conda() { echo \"conda fn $*\"; }\nUSERPKG_SOURCED=$((${USERPKG_SOURCED:-0}+1))\n");
  write_file_atomic(dir + "/conda.fish", "function conda; echo \"conda fn $argv\"; end\nset -g USERPKG_SOURCED x\n");
  EnvAdditions present;
  present.sources = {{"sh", {dir + "/conda.sh"}}, {"fish", {dir + "/conda.fish"}}};
  EnvAdditions missing;
  missing.sources = {{"sh", {dir + "/gone.sh"}}, {"fish", {dir + "/gone.fish"}}};
  for (const std::string name : {"sh", "bash", "zsh", "fish"}) {
    const std::string shell = shell_program(name);
    if (shell.empty()) {
      WARN(name << " is not installed: skipped");
      continue;
    }
    const Shell kind = name == "fish" ? Shell::fish : Shell::sh;
    auto [first, second] = run_twice(shell, env_code(present, kind), "conda activate base", {}, {});
    CHECK(first == "conda fn activate base");
    CHECK(second == first);
    // A deleted package: nothing printed on stderr (capture_process merges it), status 0.
    auto [gone, gone_again] = run_twice(shell, env_code(missing, kind), "echo still-here", {}, {});
    CHECK(gone == "still-here");
    CHECK(gone_again == "still-here");
  }
}
