// Probes this machine's real system: zlib's headers and library, sh, pkg-config (Debian: zlib1g-dev).
#include <catch2/catch.hpp>

#include "platform/system_probe.hpp"

using namespace userpkg;

namespace {

SystemProbe zlib_probe() {
  SystemProbe p;
  p.headers = {"zlib.h"};
  p.libraries = {"z"};
  p.version_header = "zlib.h";
  p.version_define = "ZLIB_VERSION";
  return p;
}

VersionConstraint any() { return VersionConstraint(); }

}  // namespace

TEST_CASE("system zlib is usable and has a version from its header", "[system_probe]") {
  auto s = probe_system(zlib_probe(), VersionConstraint::parse("1.2:"), Environment::current());
  INFO(s.why_not);
  CHECK(s.usable);
  REQUIRE(s.version);
  CHECK(*s.version >= Version::parse("1.2"));
  CHECK(s.why_not.empty());
}

TEST_CASE("pkg-config gives the same zlib version", "[system_probe]") {
  SystemProbe p = zlib_probe();
  p.version_header.clear();
  p.version_define.clear();
  p.pkg_config = "zlib";
  auto by_pkg_config = probe_system(p, any(), Environment::current());
  auto by_header = probe_system(zlib_probe(), any(), Environment::current());
  REQUIRE(by_pkg_config.version);
  REQUIRE(by_header.version);
  CHECK(by_pkg_config.version->str() == by_header.version->str());
}

TEST_CASE("a made-up header is not usable and says which", "[system_probe]") {
  SystemProbe p = zlib_probe();
  p.headers = {"zlib.h", "no_such_userpkg_header_xyz.h"};
  auto s = probe_system(p, any(), Environment::current());
  CHECK_FALSE(s.usable);
  CHECK(s.why_not == "no header no_such_userpkg_header_xyz.h");
}

TEST_CASE("a made-up library does not link", "[system_probe]") {
  SystemProbe p = zlib_probe();
  p.libraries = {"z", "no_such_userpkg_lib_xyz"};
  auto s = probe_system(p, any(), Environment::current());
  CHECK_FALSE(s.usable);
  CHECK(s.why_not == "library -lno_such_userpkg_lib_xyz does not link");
}

TEST_CASE("a version constraint the system copy is too old for", "[system_probe]") {
  auto s = probe_system(zlib_probe(), VersionConstraint::parse("99:"), Environment::current());
  CHECK_FALSE(s.usable);
  REQUIRE(s.version);
  CHECK(s.why_not == "version " + s.version->str() + " is older than 99");
}

TEST_CASE("unknown version: usable only when any version will do", "[system_probe]") {
  SystemProbe p;
  p.headers = {"zlib.h"};
  auto any_version = probe_system(p, any(), Environment::current());
  CHECK(any_version.usable);
  CHECK_FALSE(any_version.version);
  auto needs_version = probe_system(p, VersionConstraint::parse("1.2:"), Environment::current());
  CHECK_FALSE(needs_version.usable);
  CHECK(needs_version.why_not.find("cannot tell its version") != std::string::npos);
}

TEST_CASE("an undefined version macro gives no version", "[system_probe]") {
  SystemProbe p = zlib_probe();
  p.version_define = "NO_SUCH_USERPKG_MACRO";
  auto s = probe_system(p, any(), Environment::current());
  CHECK(s.usable);
  CHECK_FALSE(s.version);
}

TEST_CASE("programs must be on PATH", "[system_probe]") {
  SystemProbe p;
  p.programs = {"sh"};
  CHECK(probe_system(p, any(), Environment::current()).usable);
  p.programs = {"sh", "no-such-tool-xyz"};
  auto s = probe_system(p, any(), Environment::current());
  CHECK_FALSE(s.usable);
  CHECK(s.why_not == "no program no-such-tool-xyz on PATH");
}

TEST_CASE("version_command output gives the version", "[system_probe]") {
  SystemProbe p;
  p.programs = {"sh"};
  p.version_command = {"sh", "-c", "echo 'frobnicate (GNU Frob) 2.71'; echo 'Copyright 2021'"};
  auto s = probe_system(p, VersionConstraint::parse("2.69:"), Environment::current());
  CHECK(s.usable);
  REQUIRE(s.version);
  CHECK(s.version->str() == "2.71");
  auto too_new = probe_system(p, VersionConstraint::parse(":2.69"), Environment::current());
  CHECK_FALSE(too_new.usable);
  CHECK(too_new.why_not == "version 2.71 is newer than 2.69");
}

TEST_CASE("pkg-config alone: an unknown module is not usable", "[system_probe]") {
  SystemProbe p;
  p.pkg_config = "no-such-userpkg-module-xyz";
  auto s = probe_system(p, any(), Environment::current());
  CHECK_FALSE(s.usable);
  CHECK(s.why_not == "pkg-config does not know no-such-userpkg-module-xyz");
}

TEST_CASE("CC from the environment is the compiler used", "[system_probe]") {
  Environment env = Environment::current();
  env.set("CC", "no-such-compiler-xyz");
  auto s = probe_system(zlib_probe(), any(), env);
  CHECK_FALSE(s.usable);
  CHECK(s.why_not.find("no-such-compiler-xyz") != std::string::npos);
}

TEST_CASE("an empty probe is never usable", "[system_probe]") {
  auto s = probe_system(SystemProbe{}, any(), Environment::current());
  CHECK_FALSE(s.usable);
  CHECK_FALSE(s.why_not.empty());
}

TEST_CASE("version mismatches in words", "[system_probe]") {
  auto v = Version::parse("1.0.2k");
  CHECK(version_mismatch(v, VersionConstraint::parse("1.1.1:")) == "version 1.0.2k is older than 1.1.1");
  CHECK(version_mismatch(v, VersionConstraint::parse(":0.9")) == "version 1.0.2k is newer than 0.9");
  CHECK(version_mismatch(v, VersionConstraint::parse("3")) == "version 1.0.2k is not 3");
  CHECK(version_mismatch(v, VersionConstraint::parse("1.0")).empty());
  CHECK(version_mismatch(v, VersionConstraint()).empty());
}
