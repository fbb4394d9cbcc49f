// What doctor's library checks read from a real profile: a launcher entry is checked as the program
// its sidecar names, with the library dirs the launcher gives it; an older generation's /bin/sh
// wrapper is still read; an entry whose sidecar is missing or damaged is reported, not skipped.
#include <catch2/catch.hpp>

#include <algorithm>

#include "../prefix/prefix_fixture.hpp"
#include "doctor/library_check.hpp"
#include "launcher/launch_entry.hpp"
#include "prefix/generations.hpp"
#include "shell/env_script.hpp"
#include "util/fs.hpp"

using namespace userpkg;

namespace {

const ProgramFacts* program_named(const LibraryFacts& facts, const std::string& name) {
  auto it = std::find_if(facts.programs.begin(), facts.programs.end(), [&](const ProgramFacts& p) { return p.name == name; });
  return it == facts.programs.end() ? nullptr : &*it;
}

Environment without_library_path() {
  Environment env = Environment::current();
  env.unset("LD_LIBRARY_PATH");
  return env;
}

}  // namespace

TEST_CASE("doctor reads launcher entries, old sh wrappers and damaged entries of the profile", "[doctor][launcher]") {
  test::TempPrefix p;
  const PrefixLayout& l = p.layout;
  const fs::path pkg = l.package_dir("tool", "1.0");
  fs::create_directories(pkg / "bin");
  fs::create_directories(pkg / "lib64");
  fs::copy_file("/bin/true", pkg / "bin/tool");  // any dynamic ELF program
  fs::copy_file("/bin/true", pkg / "bin/other");
  InstallRecord record = test::sample_record("tool", "1.0");
  record.env = {{{"PATH", {(pkg / "bin").string()}}, {"LD_LIBRARY_PATH", {(pkg / "lib64").string()}}}, {}};
  write_record(l.record_path("tool", "1.0"), record);
  const unsigned n = create_generation(l, {{"tool", "1.0"}}, "test", {}, {}, profile_writers()).generation.number;
  REQUIRE(fs::read_symlink(l.profile_bin(n) / "tool") == l.launcher());

  // What an older userpkg wrote in place of a launcher entry.
  write_file_atomic(l.profile_bin(n) / "oldtool",
                    "#!/bin/sh\nLD_LIBRARY_PATH='/old/lib'${LD_LIBRARY_PATH:+\":$LD_LIBRARY_PATH\"}\n"
                    "export LD_LIBRARY_PATH\nexec '" + (pkg / "bin/tool").string() + "' \"$@\"\n",
                    fs::perms(0755));
  // `other` loses its sidecar: the entry is the launcher alone.
  fs::remove(l.profile_launch_dir(n) / "other");

  LibraryFacts facts = gather_library_facts(l, without_library_path(), {}, "/home/u");
  const ProgramFacts* tool = program_named(facts, "tool");
  REQUIRE(tool);
  CHECK(tool->path == fs::canonical(pkg / "bin/tool").string());  // the program, not the launcher
  CHECK(tool->package == "tool 1.0");
  CHECK(tool->wrapper_library_path == std::vector<std::string>{(pkg / "lib64").string()});
  CHECK(tool->unreadable.empty());
  CHECK_FALSE(tool->links.empty());  // its libc, found

  const ProgramFacts* old = program_named(facts, "oldtool");
  REQUIRE(old);
  CHECK(old->wrapper_library_path == std::vector<std::string>{"/old/lib"});
  CHECK(old->package == "tool 1.0");

  const ProgramFacts* other = program_named(facts, "other");
  REQUIRE(other);
  CHECK_THAT(other->unreadable, Catch::Contains("missing or damaged"));
  std::vector<Finding> findings = check_program_libraries(facts);
  auto unreadable = std::find_if(findings.begin(), findings.end(), [](const Finding& f) { return f.id == "libraries.unreadable"; });
  REQUIRE(unreadable != findings.end());
  CHECK_THAT(unreadable->fix, Catch::Contains("reinstall the package that provides other"));

  // A damaged sidecar is reported the same way.
  write_file_atomic(l.profile_launch_dir(n) / "tool", "garbage\n");
  facts = gather_library_facts(l, without_library_path(), {}, "/home/u");
  REQUIRE(program_named(facts, "tool"));
  CHECK_THAT(program_named(facts, "tool")->unreadable, Catch::Contains("missing or damaged"));
}
