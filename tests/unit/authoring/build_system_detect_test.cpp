#include <catch2/catch.hpp>

#include "authoring/build_system_detect.hpp"

using namespace userpkg;

namespace {

std::string detect(const std::vector<std::string>& entries) {
  auto d = detect_build_system(entries);
  return d ? d->system + " (" + d->evidence + ")" : "none";
}

}  // namespace

TEST_CASE("top_level_names strips the one top directory of a release tarball", "[authoring]") {
  CHECK(top_level_names({"foo-1.2/", "foo-1.2/configure", "foo-1.2/src/a.c"}) ==
        std::vector<std::string>{"configure", "src/a.c"});
  CHECK(top_level_names({"./foo-1.2/", "./foo-1.2/Makefile"}) == std::vector<std::string>{"Makefile"});
  // Files at the top: nothing to strip.
  CHECK(top_level_names({"configure", "Makefile"}) == std::vector<std::string>{"configure", "Makefile"});
  // A lone file is not a directory.
  CHECK(top_level_names({"CMakeLists.txt"}) == std::vector<std::string>{"CMakeLists.txt"});
  // Two top directories: kept as they are.
  CHECK(top_level_names({"a/CMakeLists.txt", "b/x"}) == std::vector<std::string>{"a/CMakeLists.txt", "b/x"});
}

TEST_CASE("detect_build_system reads the files at the source root", "[authoring]") {
  CHECK(detect({"m4-1.4.19/", "m4-1.4.19/configure", "m4-1.4.19/configure.ac", "m4-1.4.19/Makefile.in"}) ==
        "autotools (configure)");
  CHECK(detect({"lab-0.1/CMakeLists.txt", "lab-0.1/src/main.c"}) == "cmake (CMakeLists.txt)");
  CHECK(detect({"tool/configure.ac", "tool/Makefile.am"}) == "autotools (configure.ac)");
  CHECK(detect({"tool/configure.in"}) == "autotools (configure.in)");
  CHECK(detect({"tiny-2/Makefile", "tiny-2/tiny.c"}) == "make (Makefile)");
  CHECK(detect({"tiny-2/GNUmakefile"}) == "make (GNUmakefile)");
  CHECK(detect({"Makefile", "x.c"}) == "make (Makefile)");
}

TEST_CASE("a shipped ./configure wins over CMakeLists.txt, which wins over configure.ac and a Makefile",
          "[authoring]") {
  // xz's release tarballs ship both; ./configure is the documented way.
  CHECK(detect({"xz-5.4.6/CMakeLists.txt", "xz-5.4.6/configure", "xz-5.4.6/Makefile"}) == "autotools (configure)");
  CHECK(detect({"p/CMakeLists.txt", "p/configure.ac", "p/Makefile"}) == "cmake (CMakeLists.txt)");
  CHECK(detect({"p/configure.ac", "p/Makefile"}) == "autotools (configure.ac)");
}

TEST_CASE("OpenSSL's ./config is autotools with that configure_script", "[authoring]") {
  auto d = detect_build_system({"openssl-1.1.1w/Configure", "openssl-1.1.1w/config", "openssl-1.1.1w/README"});
  REQUIRE(d);
  CHECK(d->system == "autotools");
  CHECK(d->configure_script == "config");
  CHECK(detect_build_system({"p/configure"})->configure_script.empty());
}

TEST_CASE("build files below the root do not count", "[authoring]") {
  CHECK(detect({"p/README", "p/sub/CMakeLists.txt", "p/sub/configure", "p/doc/Makefile"}) == "none");
  CHECK(detect({}) == "none");
}

TEST_CASE("is_installer_file: .sh and .run files", "[authoring]") {
  CHECK(is_installer_file("Miniconda3-py310_23.3.1-0-Linux-x86_64.sh"));
  CHECK(is_installer_file("cuda_12.1.1_530.30.02_linux.run"));
  CHECK_FALSE(is_installer_file("foo-1.0.tar.gz"));
  CHECK_FALSE(is_installer_file("foo-1.0.shar.gz"));
}
