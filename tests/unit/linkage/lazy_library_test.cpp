#include <catch2/catch.hpp>

#include <archive.h>

#include "util/error.hpp"
#include "linkage/dynamic/lazy_library.hpp"

using namespace userpkg;

TEST_CASE("lazy_symbol finds a function of a library opened on first use", "[util][lazy]") {
  void* address = lazy_symbol("libarchive.so.13", "archive_version_number", "libarchive");
  REQUIRE(address != nullptr);
  CHECK(reinterpret_cast<int (*)()>(address)() / 1000000 == 3);
}

TEST_CASE("lazy_symbol names the missing library or symbol and what to install", "[util][lazy]") {
  try {
    lazy_symbol("libuserpkg-no-such-lib.so.1", "f", "the no-such package");
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(std::string(e.what()).find("libuserpkg-no-such-lib.so.1") != std::string::npos);
    CHECK(e.hint().find("the no-such package") != std::string::npos);
  }
  CHECK_THROWS_AS(lazy_symbol("libarchive.so.13", "archive_no_such_function", "libarchive"), Error);
}
