#include <catch2/catch.hpp>

#include "wheel_target.hpp"
#include "util/error.hpp"
#include "wheel/tags.hpp"

using namespace userpkg;

namespace {

bool fits(const std::string& file, const WheelTarget& t) { return wheel_rank(parse_wheel_name(file), t).has_value(); }

// The ABI tag CPython 3.<minor> builds report: cp36m/cp37m (pymalloc), then cp38, cp39, …
std::string own_abi(int minor) { return "cp3" + std::to_string(minor) + (minor <= 7 ? "m" : ""); }

}  // namespace

TEST_CASE("platform tags: the glibc each needs, over Python 3.6-3.13 x glibc 2.17/2.28/2.35", "[wheel]") {
  struct Platform {
    const char* tag;
    int needs_glibc_minor;  // 0: none (linux_<arch>), -1: never on x86_64 glibc
  };
  const Platform platforms[] = {
      {"linux_x86_64", 0},           {"manylinux1_x86_64", 5},      {"manylinux2010_x86_64", 12},
      {"manylinux2014_x86_64", 17},  {"manylinux_2_17_x86_64", 17}, {"manylinux_2_24_x86_64", 24},
      {"manylinux_2_28_x86_64", 28}, {"manylinux_2_34_x86_64", 34}, {"manylinux_2_35_x86_64", 35},
      {"manylinux_2_39_x86_64", 39}, {"manylinux_2_28_aarch64", -1}, {"linux_aarch64", -1},
      {"musllinux_1_2_x86_64", -1},  {"win_amd64", -1},             {"macosx_11_0_arm64", -1},
      {"manylinux_3_0_x86_64", -1},
  };
  for (int minor = 6; minor <= 13; ++minor) {
    for (int glibc : {17, 28, 35}) {
      for (auto& p : platforms) {
        std::string py = "cp3" + std::to_string(minor);
        std::string file = "torch-2.0.0-" + py + "-" + own_abi(minor) + "-" + p.tag + ".whl";
        bool expected = p.needs_glibc_minor >= 0 && p.needs_glibc_minor <= glibc;
        INFO(file << " on Python 3." << minor << ", glibc 2." << glibc);
        CHECK(fits(file, test::wheel_target(minor, glibc)) == expected);
      }
    }
  }
}

TEST_CASE("python and abi tags over Python 3.6-3.13", "[wheel]") {
  for (int minor = 6; minor <= 13; ++minor) {
    auto t = test::wheel_target(minor, 35);
    for (int wheel_minor = 6; wheel_minor <= 13; ++wheel_minor) {
      std::string py = "cp3" + std::to_string(wheel_minor);
      std::string abi = own_abi(wheel_minor);
      INFO("Python 3." << minor << ", wheel " << py);
      // An interpreter-specific wheel fits its own Python only.
      CHECK(fits("x-1.0-" + py + "-" + abi + "-manylinux2014_x86_64.whl", t) == (wheel_minor == minor));
      CHECK(fits("x-1.0-" + py + "-none-manylinux2014_x86_64.whl", t) == (wheel_minor == minor));
      // The stable ABI fits its Python and every later one.
      CHECK(fits("x-1.0-" + py + "-abi3-manylinux2014_x86_64.whl", t) == (wheel_minor <= minor));
      // Pure Python: py3X for 3.X and later.
      CHECK(fits("x-1.0-py3" + std::to_string(wheel_minor) + "-none-any.whl", t) == (wheel_minor <= minor));
    }
    CHECK(fits("x-1.0-py3-none-any.whl", t));
    CHECK(fits("x-1.0-py2.py3-none-any.whl", t));
    CHECK(fits("x-1.0-py3-none-linux_x86_64.whl", t));
    CHECK_FALSE(fits("x-1.0-py2-none-any.whl", t));
    CHECK_FALSE(fits("x-1.0-pp39-pypy39_pp73-manylinux2014_x86_64.whl", t));
  }
}

TEST_CASE("ABI details: m before 3.8, no debug or free-threaded builds", "[wheel]") {
  CHECK(fits("torch-1.4.0-cp37-cp37m-manylinux1_x86_64.whl", test::wheel_target(7, 17)));
  CHECK_FALSE(fits("torch-1.4.0-cp37-cp37-manylinux1_x86_64.whl", test::wheel_target(7, 17)));
  CHECK_FALSE(fits("torch-1.4.0-cp38-cp38m-manylinux1_x86_64.whl", test::wheel_target(8, 17)));
  CHECK_FALSE(fits("torch-2.6.0-cp313-cp313t-manylinux_2_28_x86_64.whl", test::wheel_target(13, 35)));
  CHECK_FALSE(fits("torch-2.6.0-cp313-cp313d-manylinux_2_28_x86_64.whl", test::wheel_target(13, 35)));
  CHECK_FALSE(fits("x-1.0-cp31-abi3-manylinux1_x86_64.whl", test::wheel_target(10, 35)));  // no stable ABI before 3.2
  CHECK_FALSE(fits("x-1.0-cp310-cp310-linux_x86_64.whl", test::wheel_target(10, 35, "aarch64")));
  CHECK(fits("x-1.0-cp310-cp310-manylinux_2_28_aarch64.whl", test::wheel_target(10, 28, "aarch64")));
  // A compressed set fits when any one of its combinations does.
  CHECK(fits("x-1.0-cp39.cp310-cp39.cp310-manylinux_2_17_x86_64.manylinux2014_x86_64.whl", test::wheel_target(10, 17)));
}

TEST_CASE("ranks: exact ABI > abi3 > none; newer manylinux > older > linux_x86_64; binary > pure", "[wheel]") {
  auto t = test::wheel_target(11, 35);
  auto rank = [&](const char* file) { return *wheel_rank(parse_wheel_name(file), t); };
  auto exact = rank("x-1-cp311-cp311-manylinux2014_x86_64.whl");
  auto abi3 = rank("x-1-cp311-abi3-manylinux2014_x86_64.whl");
  auto older_abi3 = rank("x-1-cp38-abi3-manylinux2014_x86_64.whl");
  auto none = rank("x-1-cp311-none-manylinux2014_x86_64.whl");
  auto generic = rank("x-1-py3-none-manylinux2014_x86_64.whl");
  auto pure = rank("x-1-py311-none-any.whl");
  auto pure_py = rank("x-1-py3-none-any.whl");
  // pip's order (packaging.tags): cp311-none comes before the older stable ABIs.
  CHECK(exact > abi3);
  CHECK(abi3 > none);
  CHECK(none > older_abi3);
  CHECK(older_abi3 > generic);
  CHECK(generic > pure);
  CHECK(pure > pure_py);
  CHECK(rank("x-1-cp311-cp311-manylinux_2_28_x86_64.whl") > rank("x-1-cp311-cp311-manylinux_2_17_x86_64.whl"));
  CHECK(rank("x-1-cp311-cp311-manylinux_2_17_x86_64.whl") == rank("x-1-cp311-cp311-manylinux2014_x86_64.whl"));
  CHECK(rank("x-1-cp311-cp311-manylinux1_x86_64.whl") > rank("x-1-cp311-cp311-linux_x86_64.whl"));
  CHECK(rank("x-1-py3-none-linux_x86_64.whl") > rank("x-1-py311-none-any.whl"));
  // What pip never installs: an ABI or abi3 with platform "any", manylinux older than glibc 2.5.
  for (const char* file : {"x-1-cp311-cp311-any.whl", "x-1-cp311-abi3-any.whl", "x-1-cp38-abi3-any.whl",
                           "x-1-cp310-none-any.whl", "x-1-cp311-none-any.whl", "x-1-cp311-cp311-manylinux_2_4_x86_64.whl",
                           "x-1-cp308-cp308-manylinux1_x86_64.whl", "x-1-cp311-cp311-manylinux_2_05_x86_64.whl"}) {
    INFO(file);
    CHECK_FALSE(wheel_rank(parse_wheel_name(file), t));
  }
  // Other CPUs: manylinux starts at glibc 2.17 (manylinux2014).
  for (const char* file : {"x-1-cp311-cp311-manylinux_2_16_aarch64.whl", "x-1-cp311-cp311-manylinux1_aarch64.whl",
                           "x-1-cp311-cp311-manylinux2010_aarch64.whl"}) {
    INFO(file);
    CHECK_FALSE(wheel_rank(parse_wheel_name(file), test::wheel_target(11, 35, "aarch64")));
  }
  CHECK(wheel_rank(parse_wheel_name("x-1-cp311-cp311-manylinux2014_aarch64.whl"), test::wheel_target(11, 17, "aarch64")));
}

TEST_CASE("platform_needs and platform_mismatch", "[wheel]") {
  auto m = platform_needs("manylinux_2_28_x86_64");
  REQUIRE(m);
  CHECK(m->arch == "x86_64");
  CHECK(m->glibc_major == 2);
  CHECK(m->glibc_minor == 28);
  CHECK(platform_needs("manylinux2010_i686")->glibc_minor == 12);
  CHECK(platform_needs("linux_x86_64")->glibc_major == 0);
  CHECK(platform_needs("any")->any);
  CHECK_FALSE(platform_needs("manylinux_2_x86_64"));
  CHECK_FALSE(platform_needs("win_amd64"));
  CHECK(platform_mismatch("manylinux_2_28_x86_64", test::wheel_target(10, 17)) == "needs glibc 2.28; this system has 2.17");
  CHECK(platform_mismatch("manylinux_2_28_aarch64", test::wheel_target(10, 35)) == "for aarch64; this system is x86_64");
  CHECK(platform_mismatch("musllinux_1_1_x86_64", test::wheel_target(10, 35)) == "for musl libc; this system uses glibc");
  CHECK(platform_mismatch("manylinux_2_28_x86_64", test::wheel_target(10, 28)).empty());
  CHECK(platform_mismatch("linux_x86_64", test::wheel_target(10, 17)).empty());
}

TEST_CASE("targets from detected versions", "[wheel]") {
  auto t = WheelTarget::from_versions(Version::parse("3.10.14"), Version::parse("2.17"), "x86_64");
  CHECK(t.python_major == 3);
  CHECK(t.python_minor == 10);
  CHECK(t.glibc_minor == 17);
  CHECK(t.python_text() == "3.10");
  CHECK(t.glibc_text() == "2.17");
  CHECK_THROWS_AS(WheelTarget::from_versions(Version::parse("3"), Version::parse("2.17"), "x86_64"), Error);
  CHECK_THROWS_AS(WheelTarget::from_versions(Version::parse("3.10"), Version::parse("2"), "x86_64"), Error);
}
