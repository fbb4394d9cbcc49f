#include <catch2/catch.hpp>

#include "platform/version_text.hpp"

using namespace userpkg;

namespace {
std::string found(const std::string& text) {
  auto v = first_dotted_version(text);
  return v ? v->str() : "<none>";
}
}  // namespace

TEST_CASE("first dotted version in tool output", "[version_text]") {
  CHECK(found("autoconf (GNU Autoconf) 2.71\nCopyright (C) 2021 Free Software Foundation, Inc.\n") == "2.71");
  CHECK(found("\"OpenSSL 3.0.19 27 Jan 2026\"") == "3.0.19");
  CHECK(found("\"OpenSSL 1.1.1w  11 Sep 2023\"") == "1.1.1w");
  CHECK(found("\"1.2.13\"") == "1.2.13");
  CHECK(found("git version 2.39.5") == "2.39.5");
  CHECK(found("GNU Make 4.3\nBuilt for x86_64-pc-linux-gnu") == "4.3");
  CHECK(found("GNU bash, version 5.2.15(1)-release (x86_64-pc-linux-gnu)") == "5.2.15");
  CHECK(found("This is perl 5, version 36, subversion 0 (v5.36.0) built for x86_64-linux") == "5.36.0");
  CHECK(found("Python 3.13.0rc1") == "3.13.0rc1");
  CHECK(found("xz (XZ Utils) 5.4.1\nliblzma 5.4.1") == "5.4.1");
}

TEST_CASE("numbers that are not versions are skipped", "[version_text]") {
  CHECK(found("") == "<none>");
  CHECK(found("no version here") == "<none>");
  CHECK(found("GNU Make 4") == "<none>");
  CHECK(found("built for x86_64 on 27 Jan") == "<none>");
  CHECK(found("md5.2 then 1.0.2k") == "1.0.2k");
  CHECK(found("ab1.2 then 3.4") == "3.4");
  CHECK(found("release 4.3x86_64") == "4.3");
  CHECK(found("version 1.2.13-1ubuntu") == "1.2.13");
  CHECK(found("v1.2.") == "1.2");
}
