#include <catch2/catch.hpp>

#include "python/pip_target.hpp"
#include "util/error.hpp"

using namespace userpkg;

namespace {
PipTargetFacts facts(bool writable, bool venv, bool managed, bool user_site) {
  PipTargetFacts f;
  f.purelib = "/usr/lib/python3.6/site-packages";
  f.purelib_writable = writable;
  f.in_venv = venv;
  f.externally_managed = managed;
  f.user_site_enabled = user_site;
  return f;
}
}  // namespace

TEST_CASE("the pip target probe's answer is read", "[python][pip]") {
  auto f = parse_pip_target("/v/lib/python3.11/site-packages\n1\n1\n0\n1\n23.0.1\n", "/v/bin/python3");
  CHECK(f.purelib == "/v/lib/python3.11/site-packages");
  CHECK(f.purelib_writable);
  CHECK(f.in_venv);
  CHECK_FALSE(f.externally_managed);
  CHECK(f.user_site_enabled);
  CHECK(f.pip_version == "23.0.1");
  CHECK(parse_pip_target("/usr/lib/python3/site-packages\n0\n0\n1\n1\n\n", "/usr/bin/python3").pip_version.empty());
  CHECK_THROWS_AS(parse_pip_target("Traceback (most recent call last):\n", "/x/python"), Error);
}

TEST_CASE("where pip goes in a target python", "[python][pip]") {
  CHECK(choose_pip_scope(facts(true, false, false, true), "/p/bin/python3") == PipScope::Environment);
  // A system python the user cannot write to (/usr/bin/python3.6): --user.
  CHECK(choose_pip_scope(facts(false, false, false, true), "/usr/bin/python3.6") == PipScope::User);
  CHECK_THROWS_WITH(choose_pip_scope(facts(false, true, false, false), "/v/bin/python3"),
                    "cannot install pip into the virtual environment of /v/bin/python3");
  CHECK_THROWS_WITH(choose_pip_scope(facts(false, false, false, false), "/usr/bin/python3.6"),
                    "cannot install pip for /usr/bin/python3.6");
  try {
    choose_pip_scope(facts(true, false, true, true), "/usr/bin/python3");
    FAIL("a PEP 668 python was accepted");
  } catch (const Error& e) {
    CHECK(std::string(e.what()) == "will not install pip into /usr/bin/python3");
    CHECK(e.why().find("EXTERNALLY-MANAGED") != std::string::npos);
    CHECK(e.hint().find("-m venv --without-pip") != std::string::npos);
  }
}

TEST_CASE("how pip gets into a target python", "[python][pip]") {
  auto v = Version::parse("24.0");
  CHECK(choose_pip_bootstrap("24.0", true, v) == PipBootstrap::AlreadyThere);
  CHECK(choose_pip_bootstrap("23.0.1", true, v) == PipBootstrap::Upgrade);
  CHECK(choose_pip_bootstrap("25.0.1", false, v) == PipBootstrap::Upgrade);
  CHECK(choose_pip_bootstrap("", true, v) == PipBootstrap::Ensurepip);
  CHECK(choose_pip_bootstrap("", false, v) == PipBootstrap::Wheel);
}

TEST_CASE("pip --version output is read", "[python][pip]") {
  CHECK(parse_pip_version_output("pip 23.0.1 from /x/site-packages/pip (python 3.11)\n") == "23.0.1");
  CHECK(parse_pip_version_output("WARNING: something\npip 21.3.1 from /y/pip (python 3.6)\n") == "21.3.1");
  CHECK(parse_pip_version_output("/usr/bin/python3: No module named pip\n").empty());
}
