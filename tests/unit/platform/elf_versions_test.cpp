#include <catch2/catch.hpp>

#include "platform/elf_versions.hpp"

using namespace userpkg;

TEST_CASE("version names compare by their numbers", "[elf]") {
  CHECK(version_name_less("GLIBCXX_3.4.9", "GLIBCXX_3.4.30"));
  CHECK(version_name_less("GLIBCXX_3.4", "GLIBCXX_3.4.1"));
  CHECK_FALSE(version_name_less("GLIBCXX_3.4.30", "GLIBCXX_3.4.30"));
  CHECK(version_family("GLIBCXX_3.4.30") == "GLIBCXX");
  CHECK(version_family("CXXABI_1.3.13") == "CXXABI");
  CHECK(version_family("CXXABI_TM_1") == "CXXABI_TM");
  CHECK(version_family("GCC_12.0.0") == "GCC");
  CHECK(version_family("nonumber").empty());
}

TEST_CASE("missing versions and the newest of a family", "[elf]") {
  std::vector<std::string> defined{"GLIBCXX_3.4", "GLIBCXX_3.4.9", "GLIBCXX_3.4.21", "CXXABI_1.3"};
  CHECK(missing_versions({"GLIBCXX_3.4", "GLIBCXX_3.4.30", "CXXABI_1.3.13"}, defined) ==
        std::vector<std::string>{"GLIBCXX_3.4.30", "CXXABI_1.3.13"});
  CHECK(missing_versions({"GLIBCXX_3.4.9"}, defined).empty());
  CHECK(newest_in_family(defined, "GLIBCXX") == std::string("GLIBCXX_3.4.21"));
  CHECK_FALSE(newest_in_family(defined, "GCC"));
}
