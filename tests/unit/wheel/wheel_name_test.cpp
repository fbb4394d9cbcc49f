#include <catch2/catch.hpp>

#include "util/error.hpp"
#include "wheel/wheel_name.hpp"

using namespace userpkg;

using Tags = std::vector<std::string>;

TEST_CASE("wheel names with a local version and one tag each", "[wheel]") {
  auto w = parse_wheel_name("torch-2.1.0+cu121-cp310-cp310-linux_x86_64.whl");
  CHECK(w.distribution == "torch");
  CHECK(w.version_text == "2.1.0+cu121");
  CHECK(w.version.str() == "2.1.0");
  CHECK(w.local == "cu121");
  CHECK(w.build.empty());
  CHECK(w.python_tags == Tags{"cp310"});
  CHECK(w.abi_tags == Tags{"cp310"});
  CHECK(w.platform_tags == Tags{"linux_x86_64"});
  CHECK(w.file_name == "torch-2.1.0+cu121-cp310-cp310-linux_x86_64.whl");
}

TEST_CASE("wheel names with compressed tag sets and a build tag", "[wheel]") {
  auto w = parse_wheel_name("numpy-1.26.4-1-cp38.cp39-abi3-manylinux_2_17_x86_64.manylinux2014_x86_64.whl");
  CHECK(w.distribution == "numpy");
  CHECK(w.version.str() == "1.26.4");
  CHECK(w.local.empty());
  CHECK(w.build == "1");
  CHECK(w.python_tags == Tags{"cp38", "cp39"});
  CHECK(w.abi_tags == Tags{"abi3"});
  CHECK(w.platform_tags == Tags{"manylinux_2_17_x86_64", "manylinux2014_x86_64"});

  auto pure = parse_wheel_name("Typing_Extensions-4.9.0-py2.py3-none-any.whl");
  CHECK(pure.distribution == "typing-extensions");
  CHECK(pure.python_tags == Tags{"py2", "py3"});
}

TEST_CASE("PEP 440 versions in wheel names become comparable Versions", "[wheel]") {
  auto dev = parse_wheel_name("torch-2.6.0.dev20241112+cu124-cp312-cp312-linux_x86_64.whl");
  CHECK(dev.version.is_prerelease());
  CHECK(dev.version < Version::parse("2.6.0"));
  CHECK(dev.version > Version::parse("2.5.1"));
  CHECK(dev.local == "cu124");
  auto rc = parse_wheel_name("torch-2.4.0rc1-cp39-cp39-manylinux1_x86_64.whl");
  CHECK(rc.version.is_prerelease());
  auto post = parse_wheel_name("pkg-1.0.post1-py3-none-any.whl");
  CHECK(post.version > Version::parse("1.0"));
  CHECK_FALSE(post.version.is_prerelease());
  auto cxx = parse_wheel_name("torch-2.5.1+cpu.cxx11.abi-cp311-cp311-linux_x86_64.whl");
  CHECK(cxx.local == "cpu.cxx11.abi");
  CHECK(cxx.version.str() == "2.5.1");
}

TEST_CASE("bad wheel names are refused, with the reason", "[wheel]") {
  for (const char* bad : {"torch-2.1.0.tar.gz", "torch-2.1.0-cp310-cp310.whl", "torch-2.1.0-cp310-cp310-linux-x86_64-extra.whl",
                          "torch--cp310-cp310-linux_x86_64.whl", "torch-abc-cp310-cp310-linux_x86_64.whl",
                          "torch-2.1.0-x1-cp310-cp310-linux_x86_64.whl", "torch-2.1.0+-cp310-cp310-linux_x86_64.whl",
                          "torch-2.1.0-cp38..cp39-abi3-linux_x86_64.whl", ".whl", "torch-2.1.0-py3-none-any.WHL"}) {
    INFO(bad);
    CHECK_FALSE(try_parse_wheel_name(bad).has_value());
    CHECK_THROWS_AS(parse_wheel_name(bad), Error);
  }
  try {
    parse_wheel_name("torch-2.1.0-x1-cp310-cp310-linux_x86_64.whl");
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(std::string(e.what()) == "'torch-2.1.0-x1-cp310-cp310-linux_x86_64.whl' is not a wheel file name");
    CHECK(e.why() == "its build tag does not start with a digit");
  }
}

TEST_CASE("project names normalize per PEP 503", "[wheel]") {
  CHECK(normalize_project_name("Torch") == "torch");
  CHECK(normalize_project_name("nvidia_cudnn_cu12") == "nvidia-cudnn-cu12");
  CHECK(normalize_project_name("zope.interface") == "zope-interface");
  CHECK(normalize_project_name("a-_.b") == "a-b");
}
