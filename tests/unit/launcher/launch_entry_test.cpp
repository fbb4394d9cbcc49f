// The launcher's sidecar text (written by userpkg, read by the launcher and by doctor) and the
// launcher program userpkg carries. What the launcher does when run: shell/env_generation_test.cpp.
#include <catch2/catch.hpp>

#include <span>

#include "launcher/launch_entry.hpp"
#include "platform/elf_file.hpp"
#include "util/error.hpp"

using namespace userpkg;

TEST_CASE("launch sidecar: the text, one item a line, and back", "[launcher]") {
  const LaunchEntry entry{"/p/pkgs/cuda/12/bin/nvcc", {"/p/pkgs/cuda/12/lib64", "/p/it's a lib"}};
  const std::string text = launch_sidecar_text(entry);
  CHECK(text ==
        "userpkg-launch 1\n"
        "program=/p/pkgs/cuda/12/bin/nvcc\n"
        "library_dir=/p/pkgs/cuda/12/lib64\n"
        "library_dir=/p/it's a lib\n");
  auto parsed = parse_launch_sidecar(text);
  REQUIRE(parsed);
  CHECK(parsed->program == entry.program);
  CHECK(parsed->library_dirs == entry.library_dirs);
  CHECK(launch_sidecar_text({"/p/bin/x", {}}) == "userpkg-launch 1\nprogram=/p/bin/x\n");
}

TEST_CASE("launch sidecar: paths the format cannot carry are refused", "[launcher]") {
  CHECK_THROWS_AS(launch_sidecar_text({"bin/x", {}}), Error);
  CHECK_THROWS_AS(launch_sidecar_text({"/p/bin/x\nprogram=/bin/sh", {}}), Error);
  CHECK_THROWS_AS(launch_sidecar_text({"/p/bin/x", {"/p/lib\nlibrary_dir=/evil"}}), Error);
  CHECK_THROWS_AS(launch_sidecar_text({"/p/bin/x", {"lib"}}), Error);
}

TEST_CASE("launch sidecar: parsing keeps to what the launcher reads", "[launcher]") {
  // Unknown keys are skipped (a later userpkg may add optional ones), relative dirs dropped.
  auto parsed = parse_launch_sidecar("userpkg-launch 1\nprogram=/p/x\nfuture=1\nlibrary_dir=rel\nlibrary_dir=/l\n");
  REQUIRE(parsed);
  CHECK(parsed->program == "/p/x");
  CHECK(parsed->library_dirs == std::vector<std::string>{"/l"});
  CHECK_FALSE(parse_launch_sidecar("userpkg-launch 2\nprogram=/p/x\n"));
  CHECK_FALSE(parse_launch_sidecar("#!/bin/sh\nexec /p/x \"$@\"\n"));
  CHECK_FALSE(parse_launch_sidecar("userpkg-launch 1\nlibrary_dir=/l\n"));
  CHECK_FALSE(parse_launch_sidecar("userpkg-launch 1\nprogram=p/x\n"));
  CHECK_FALSE(parse_launch_sidecar(""));
}

TEST_CASE("the launcher userpkg carries is a static executable", "[launcher]") {
  const std::string_view program = launcher_program();
  REQUIRE(program.size() > 1000);
  const ElfInfo elf = parse_elf(std::span(reinterpret_cast<const unsigned char*>(program.data()), program.size()),
                                "the embedded launcher");
  CHECK_FALSE(elf.has_dynamic);  // no loader, no libc.so: nothing an LD_LIBRARY_PATH could shadow
  CHECK(elf.needed.empty());
}
