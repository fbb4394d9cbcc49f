#include <catch2/catch.hpp>

#include <gnu/libc-version.h>

#include <unistd.h>

#include <filesystem>

#include "platform/host_glibc.hpp"
#include "platform/machine.hpp"
#include "util/error.hpp"
#include "util/fs.hpp"

using namespace userpkg;
using namespace std::string_literals;

TEST_CASE("glibc: the running one, or USERPKG_GLIBC when set", "[machine]") {
  Environment env;
  auto running = detect_glibc(env);
  CHECK(running.source == "gnu_get_libc_version");
  CHECK(running.version.str() == gnu_get_libc_version());
  CHECK(running.version >= Version::parse("2.17"));

  env.set("USERPKG_GLIBC", "2.17");
  auto planned = detect_glibc(env);
  CHECK(planned.source == "USERPKG_GLIBC");
  CHECK(planned.version == Version::parse("2.17"));

  env.set("USERPKG_GLIBC", "");  // empty counts as unset
  CHECK(detect_glibc(env).source == "gnu_get_libc_version");
}

TEST_CASE("USERPKG_GLIBC must be 2.N", "[machine]") {
  CHECK(parse_glibc_override("2.28") == Version::parse("2.28"));
  for (const char* bad : {"2", "2.17.1", "3.1", "2.x", " 2.17", "glibc-2.17", "2."}) {
    INFO(bad);
    CHECK_THROWS_AS(parse_glibc_override(bad), Error);
  }
  try {
    parse_glibc_override("two");
    FAIL("no error");
  } catch (const Error& e) {
    CHECK_THAT(e.what(), Catch::Contains("USERPKG_GLIBC=two"));
    CHECK_THAT(e.why(), Catch::Contains("2.N"));
    CHECK_THAT(e.hint(), Catch::Contains(gnu_get_libc_version()));
  }
}

TEST_CASE("architecture names for wheels and NVIDIA redistributables", "[machine]") {
  auto x86 = arch_from_machine("x86_64");
  CHECK(x86.wheel == "x86_64");
  CHECK(x86.redist == "linux-x86_64");
  auto arm = arch_from_machine("aarch64");
  CHECK(arm.wheel == "aarch64");
  CHECK(arm.redist == "linux-sbsa");
  CHECK(arch_from_machine("arm64").redist == "linux-sbsa");
  CHECK(arch_from_machine("ppc64le").redist == "linux-ppc64le");
  auto riscv = arch_from_machine("riscv64");
  CHECK_FALSE(riscv.supported());
  CHECK(riscv.machine == "riscv64");
  CHECK(riscv.redist.empty());
}

TEST_CASE("this machine's architecture is one uname names", "[machine]") {
  auto arch = detect_arch();
  CHECK_FALSE(arch.machine.empty());
#if defined(__x86_64__)
  CHECK(arch.redist == "linux-x86_64");
#elif defined(__aarch64__)
  CHECK(arch.redist == "linux-sbsa");
#endif
}

TEST_CASE("host glibc: the banner in libc.so.6, read without loading it", "[machine]") {
  CHECK(glibc_release_in("\x7f" "ELF junk\0GNU C Library (GNU libc) stable release version 2.17, by Roland McGrath et al.\0"s) ==
        "2.17");
  CHECK(glibc_release_in("GNU C Library (Debian GLIBC 2.31-13+deb11u5) stable release version 2.31.\n"s) == "2.31");
  CHECK(glibc_release_in("GNU C Library (Ubuntu GLIBC 2.35-0ubuntu3.8) stable release version 2.35."s) == "2.35");
  CHECK(glibc_release_in("musl libc (x86_64)\0Version 1.2.4\0"s) == std::nullopt);
  // The version must be inside the banner's own string, not in a later one.
  CHECK(glibc_release_in("GNU C Library\0release version 2.99\0"s) == std::nullopt);

  // The real one on this machine agrees with the glibc this test runs on.
  auto real = find_host_glibc("/", "x86_64");
  REQUIRE(real);
  CHECK(real->version == gnu_get_libc_version());
}

TEST_CASE("host glibc: the first of the distributions' places that holds a glibc", "[machine]") {
  const auto root = std::filesystem::temp_directory_path() / ("userpkg-libc-" + std::to_string(::getpid()));
  std::filesystem::remove_all(root);
  CHECK(find_host_glibc(root, "x86_64") == std::nullopt);  // an empty root: none
  std::filesystem::create_directories(root / "lib64");
  write_file_atomic(root / "lib64/libc.so.6", "GNU C Library (GNU libc) stable release version 2.17, by Roland McGrath\0"s);
  auto centos = find_host_glibc(root, "x86_64");
  REQUIRE(centos);
  CHECK(centos->version == "2.17");
  CHECK(centos->path == "/lib64/libc.so.6");
  std::filesystem::create_directories(root / "lib/x86_64-linux-gnu");
  write_file_atomic(root / "lib/x86_64-linux-gnu/libc.so.6", "GNU C Library (Debian GLIBC 2.31-13) stable release version 2.31.\0"s);
  CHECK(find_host_glibc(root, "x86_64")->path == "/lib/x86_64-linux-gnu/libc.so.6");
  std::filesystem::remove_all(root);
}
