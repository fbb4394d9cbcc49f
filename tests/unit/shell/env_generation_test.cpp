// A generation made with the shell writers: launcher entries for packages that need
// LD_LIBRARY_PATH, links for the rest, programs from every PATH directory, and env.sh / env.fish
// written before the manifest. The launcher itself, run for real: how it finds its sidecar (through
// symlinks from elsewhere), the LD_LIBRARY_PATH it sets, and its failures.
#include <catch2/catch.hpp>

#include <sys/stat.h>

#include <algorithm>
#include <optional>

#include "../prefix/prefix_fixture.hpp"
#include "launcher/launch_entry.hpp"
#include "prefix/generations.hpp"
#include "shell/env_script.hpp"
#include "util/environment.hpp"
#include "util/fs.hpp"
#include "util/process.hpp"

using namespace userpkg;

namespace {

// A package whose programs print their LD_LIBRARY_PATH, with `env` recorded.
void make_env_package(const PrefixLayout& l, const std::string& name, const std::string& bin_dir,
                      const std::vector<std::string>& programs, const PackageEnv& env) {
  const fs::path dir = l.package_dir(name, "1.0");
  fs::create_directories(dir / bin_dir);
  for (const std::string& p : programs)
    write_file_atomic(dir / bin_dir / p, "#!/bin/sh\nprintf '%s|%s' " + name + " \"${LD_LIBRARY_PATH-unset}\"\n",
                      fs::perms(0755));
  InstallRecord record = test::sample_record(name, "1.0");
  record.env = env;
  write_record(l.record_path(name, "1.0"), record);
}

CapturedOutput run_with(const std::vector<std::string>& argv, const std::optional<std::string>& ld_library_path) {
  ProcessOptions options;
  options.environment = Environment::current();
  if (ld_library_path)
    options.environment->set("LD_LIBRARY_PATH", *ld_library_path);
  else
    options.environment->unset("LD_LIBRARY_PATH");
  return capture_process(argv, options);
}

std::string run(const fs::path& program) { return run_with({program.string()}, std::nullopt).output; }

}  // namespace

TEST_CASE("generation: wrappers where LD_LIBRARY_PATH is declared, links elsewhere, env scripts", "[shell][env]") {
  test::TempPrefix p;
  const PrefixLayout& l = p.layout;
  const std::string cuda = l.package_dir("cuda", "1.0").string();
  const std::string tools = l.package_dir("tools", "1.0").string();
  fs::create_directories(cuda + "/lib64");
  fs::create_directories(tools + "/share/man");
  make_env_package(l, "cuda", "bin", {"nvcc"},
                   {{{"PATH", {cuda + "/bin"}}, {"LD_LIBRARY_PATH", {cuda + "/lib64", cuda + "/missing"}}},
                    {{"CUDA_HOME", cuda}}});
  make_env_package(l, "tools", "bin", {"tool", "both"},
                   {{{"PATH", {tools + "/bin", tools + "/libexec"}}, {"MANPATH", {tools + "/share/man", tools + "/nope"}},
                     {"LD_LIBRARY_PATH", {tools + "/not-there"}}},
                    {}});
  fs::create_directories(tools + "/libexec");
  write_file_atomic(tools + "/libexec/both", "#!/bin/sh\necho libexec\n", fs::perms(0755));
  write_file_atomic(tools + "/libexec/helper", "#!/bin/sh\necho helper\n", fs::perms(0755));

  GenerationResult g = create_generation(l, {{"cuda", "1.0"}, {"tools", "1.0"}}, "test", {}, {}, profile_writers());
  const fs::path bin = l.profile_bin(g.generation.number);

  // cuda declares an existing LD_LIBRARY_PATH dir: an entry that links to the prefix's launcher,
  // and a sidecar naming the program and the existing dir only; run, the program sees that dir.
  CHECK(fs::read_symlink(bin / "nvcc") == l.launcher());
  CHECK(read_file(l.launcher()) == launcher_program());
  CHECK((fs::status(l.launcher()).permissions() & fs::perms::owner_exec) != fs::perms::none);
  CHECK(read_file(l.profile_launch_dir(g.generation.number) / "nvcc") ==
        launch_sidecar_text({cuda + "/bin/nvcc", {cuda + "/lib64"}}));
  CHECK(run(bin / "nvcc") == "cuda|" + cuda + "/lib64");
  // tools' LD_LIBRARY_PATH does not exist: plain links; the first PATH dir wins a program.
  CHECK(fs::read_symlink(bin / "tool") == fs::path(tools) / "bin/tool");
  CHECK(fs::read_symlink(bin / "both") == fs::path(tools) / "bin/both");
  CHECK(fs::read_symlink(bin / "helper") == fs::path(tools) / "libexec/helper");
  CHECK(run(bin / "tool") == "tools|unset");
  CHECK_FALSE(fs::exists(l.profile_launch_dir(g.generation.number) / "tool"));

  // The env scripts: existing dirs only, no LD_LIBRARY_PATH, the set variable.
  const std::string sh = read_file(l.profile_env_sh(g.generation.number));
  CHECK_THAT(sh, Catch::Contains("MANPATH=" + tools + "/share/man:\"${MANPATH-}\""));
  CHECK_THAT(sh, !Catch::Contains("/nope"));
  CHECK_THAT(sh, !Catch::Contains("LD_LIBRARY_PATH"));
  CHECK_THAT(sh, Catch::Contains("CUDA_HOME=" + cuda + "; export CUDA_HOME"));
  const std::string fish = read_file(l.profile_env_fish(g.generation.number));
  CHECK_THAT(fish, Catch::Contains("set -gx CUDA_HOME " + cuda));

  // What `userpkg env --ld-library-path` reads: the recorded envs of the generation, existing dirs only.
  std::vector<PackageEnv> envs = generation_envs(l, g.generation.packages);
  REQUIRE(envs.size() == 2);
  CHECK(envs[0].lists.at("LD_LIBRARY_PATH") == std::vector<std::string>{cuda + "/lib64"});
  CHECK_FALSE(envs[1].lists.count("LD_LIBRARY_PATH"));
}

TEST_CASE("generation: without writers, links only and no env scripts; old records link bin/", "[shell][env]") {
  test::TempPrefix p;
  const PrefixLayout& l = p.layout;
  test::make_package(l, "git", "2.44.0", {"git"});  // a record without env
  GenerationResult g = create_generation(l, {{"git", "2.44.0"}}, "test", {}, {});
  CHECK(fs::read_symlink(l.profile_bin(g.generation.number) / "git") == l.package_dir("git", "2.44.0") / "bin/git");
  CHECK_FALSE(fs::exists(l.profile_env_sh(g.generation.number)));

  GenerationResult g2 = create_generation(l, {{"git", "2.44.0"}}, "test", {}, {}, profile_writers());
  CHECK(fs::read_symlink(l.profile_bin(g2.generation.number) / "git") == l.package_dir("git", "2.44.0") / "bin/git");
  // No program needs the launcher: none is written, and no sidecar directory.
  CHECK_FALSE(fs::exists(fs::symlink_status(l.launcher())));
  CHECK_FALSE(fs::exists(l.profile_launch_dir(g2.generation.number)));
  // Nothing to add besides PATH: the scripts hold only their comment.
  const std::string sh = read_file(l.profile_env_sh(g2.generation.number));
  CHECK(sh.starts_with("# Written by userpkg"));
  CHECK(sh.find("export") == std::string::npos);
}

namespace {

// A prefix whose current generation has `show` (prints LD_LIBRARY_PATH, $0 and its arguments) as a
// launcher entry for the library dirs lib64 and "it's lib".
struct LaunchedPrefix {
  test::TempPrefix p;
  const PrefixLayout& l = p.layout;
  std::string pkg = l.package_dir("show", "1.0").string();
  std::string libs = pkg + "/lib64:" + pkg + "/it's lib";
  unsigned generation = 0;
  LaunchedPrefix() {
    fs::create_directories(pkg + "/bin");
    fs::create_directories(pkg + "/lib64");
    fs::create_directories(pkg + "/it's lib");
    write_file_atomic(pkg + "/bin/show", "#!/bin/sh\nprintf '%s|' \"${LD_LIBRARY_PATH-unset}\" \"$0\" \"$@\"\n",
                      fs::perms(0755));
    InstallRecord record = test::sample_record("show", "1.0");
    record.env = {{{"PATH", {pkg + "/bin"}}, {"LD_LIBRARY_PATH", {pkg + "/lib64", pkg + "/it's lib"}}}, {}};
    write_record(l.record_path("show", "1.0"), record);
    generation = create_generation(l, {{"show", "1.0"}}, "test", {}, {}, profile_writers()).generation.number;
  }
};

}  // namespace

TEST_CASE("launcher: the program gets its library dirs in front, its arguments, and its own path as $0",
          "[shell][env][launcher]") {
  LaunchedPrefix lp;
  const std::string entry = (lp.l.bin_link() / "show").string();
  const std::string program = lp.pkg + "/bin/show";
  CHECK(run_with({entry, "a b", "", "*"}, std::nullopt).output == lp.libs + "|" + program + "|a b||*|");
  // The caller's value comes after; an empty one adds no empty entry; a second launch (one launched
  // program starting another) does not grow the list; the caller's empty entries are kept.
  CHECK(run_with({entry}, "/old").output == lp.libs + ":/old|" + program + "|");
  CHECK(run_with({entry}, "").output == lp.libs + "|" + program + "|");
  CHECK(run_with({entry}, lp.libs + ":/old").output == lp.libs + ":/old|" + program + "|");
  CHECK(run_with({entry}, "/old::" + lp.pkg + "/lib64").output == lp.libs + ":/old:|" + program + "|");
}

TEST_CASE("launcher: found through symlinks from other directories, relative and absolute", "[shell][env][launcher]") {
  LaunchedPrefix lp;
  ScopedDir elsewhere{make_unique_dir(fs::temp_directory_path(), "userpkg-launch-test")};
  const fs::path home_bin = elsewhere.path() / "home/bin";
  fs::create_directories(home_bin);
  // ~/bin/sh-alias -> <prefix>/bin/show (absolute), ~/bin/rel -> sh-alias (relative, another name).
  fs::create_symlink(lp.l.bin_link() / "show", home_bin / "sh-alias");
  fs::create_symlink("sh-alias", home_bin / "rel");
  const std::string expected = lp.libs + "|" + lp.pkg + "/bin/show|x|";
  CHECK(run_with({(home_bin / "sh-alias").string(), "x"}, std::nullopt).output == expected);
  CHECK(run_with({(home_bin / "rel").string(), "x"}, std::nullopt).output == expected);
  // Found on PATH by a bare name, as a shell runs it (argv[0] is then no path at all).
  ProcessOptions options;
  options.environment = Environment::current();
  options.environment->unset("LD_LIBRARY_PATH");
  options.environment->set("PATH", home_bin.string() + ":/usr/bin:/bin");
  CHECK(capture_process({"rel", "x"}, options).output == expected);
}

TEST_CASE("launcher: each failure is one line on stderr and status 127", "[shell][env][launcher]") {
  LaunchedPrefix lp;
  // Started as itself, or through a copy of the entry elsewhere: no sidecar to be found.
  CapturedOutput direct = run_with({lp.l.launcher().string()}, std::nullopt);
  CHECK(direct.status == 127);
  CHECK_THAT(direct.output, Catch::StartsWith("userpkg: cannot start " + lp.l.launcher().string() +
                                              ": it is not a program entry of a userpkg profile"));
  CHECK(std::count(direct.output.begin(), direct.output.end(), '\n') == 1);

  const fs::path sidecar = lp.l.profile_launch_dir(lp.generation) / "show";
  const std::string entry = (lp.l.bin_link() / "show").string();
  write_file_atomic(sidecar, "userpkg-launch 9\nprogram=/x\n");
  CapturedOutput newer = run_with({entry}, std::nullopt);
  CHECK(newer.status == 127);
  CHECK_THAT(newer.output, Catch::Contains("has an unknown format: its first line is \"userpkg-launch 9\""));

  write_file_atomic(sidecar, launch_sidecar_text({lp.pkg + "/bin/gone", {lp.pkg + "/lib64"}}));
  CapturedOutput gone = run_with({entry}, std::nullopt);
  CHECK(gone.status == 127);
  CHECK_THAT(gone.output, Catch::Contains("cannot run " + lp.pkg + "/bin/gone"));
  CHECK_THAT(gone.output, Catch::Contains("No such file or directory; its package is missing or damaged"));
}

TEST_CASE("launcher: a generation replaces a launcher that is not this userpkg's, and only then", "[shell][env][launcher]") {
  LaunchedPrefix lp;
  struct stat before {};
  REQUIRE(::stat(lp.l.launcher().c_str(), &before) == 0);
  GenerationResult same = create_generation(lp.l, {{"show", "1.0"}}, "test", {}, {}, profile_writers());
  struct stat after {};
  REQUIRE(::stat(lp.l.launcher().c_str(), &after) == 0);
  CHECK(after.st_ino == before.st_ino);  // up to date: left alone

  write_file_atomic(lp.l.launcher(), "#!/bin/sh\nexit 3\n", fs::perms(0755));  // an older userpkg's
  create_generation(lp.l, {{"show", "1.0"}}, "test", {}, {}, profile_writers());
  CHECK(read_file(lp.l.launcher()) == launcher_program());
  // Every generation's entries point at the one launcher, so the older generation runs again too.
  CHECK(run(lp.l.profile_bin(same.generation.number) / "show") == lp.libs + "|" + lp.pkg + "/bin/show|");
}
