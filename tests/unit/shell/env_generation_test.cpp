// A generation made with the shell writers: wrappers for packages that need LD_LIBRARY_PATH, links
// for the rest, programs from every PATH directory, and env.sh / env.fish written before the manifest.
#include <catch2/catch.hpp>

#include "../prefix/prefix_fixture.hpp"
#include "prefix/generations.hpp"
#include "shell/env_script.hpp"
#include "util/environment.hpp"
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

std::string run(const fs::path& program) {
  ProcessOptions options;
  options.environment = Environment::current();
  options.environment->unset("LD_LIBRARY_PATH");
  return capture_process({program.string()}, options).output;
}

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

  // cuda declares an existing LD_LIBRARY_PATH dir: a wrapper that sets it (only the existing dir).
  REQUIRE(fs::is_regular_file(fs::symlink_status(bin / "nvcc")));
  CHECK((fs::status(bin / "nvcc").permissions() & fs::perms::owner_exec) != fs::perms::none);
  CHECK(run(bin / "nvcc") == "cuda|" + cuda + "/lib64");
  // tools' LD_LIBRARY_PATH does not exist: plain links; the first PATH dir wins a program.
  CHECK(fs::read_symlink(bin / "tool") == fs::path(tools) / "bin/tool");
  CHECK(fs::read_symlink(bin / "both") == fs::path(tools) / "bin/both");
  CHECK(fs::read_symlink(bin / "helper") == fs::path(tools) / "libexec/helper");
  CHECK(run(bin / "tool") == "tools|unset");

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
  CHECK(fs::is_symlink(l.profile_bin(g2.generation.number) / "git"));
  // Nothing to add besides PATH: the scripts hold only their comment.
  const std::string sh = read_file(l.profile_env_sh(g2.generation.number));
  CHECK(sh.starts_with("# Written by userpkg"));
  CHECK(sh.find("export") == std::string::npos);
}
