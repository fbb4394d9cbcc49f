#include <catch2/catch.hpp>

#include <gnu/libc-version.h>

#include "platform/machine.hpp"
#include "util/error.hpp"

using namespace userpkg;

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
