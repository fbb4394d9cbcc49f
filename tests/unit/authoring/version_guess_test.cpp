#include <catch2/catch.hpp>

#include "authoring/version_guess.hpp"
#include "wheel/url.hpp"

using namespace userpkg;

namespace {

std::string guess(const std::string& file, const std::string& name) { return guess_version(file, name).value_or("none"); }

}  // namespace

TEST_CASE("url_file_name takes the last path part without query or fragment", "[authoring]") {
  CHECK(url_file_name("https://ftp.gnu.org/gnu/m4/m4-1.4.19.tar.xz") == "m4-1.4.19.tar.xz");
  CHECK(url_file_name("https://h/x/foo-1.0.tar.gz?download=1#top") == "foo-1.0.tar.gz");
}

TEST_CASE("strip_archive_extension", "[authoring]") {
  CHECK(strip_archive_extension("foo-1.2.3.tar.gz") == "foo-1.2.3");
  CHECK(strip_archive_extension("foo-1.2.3.TAR.XZ") == "foo-1.2.3");
  CHECK(strip_archive_extension("foo-1.2.3.tgz") == "foo-1.2.3");
  CHECK(strip_archive_extension("foo-1.2.3.zip") == "foo-1.2.3");
  CHECK(strip_archive_extension("inst-2.0.sh") == "inst-2.0");
  CHECK(strip_archive_extension("foo-1.2.3") == "foo-1.2.3");
}

TEST_CASE("guess_version finds the release's version in its file name", "[authoring]") {
  CHECK(guess("foo-1.2.3.tar.gz", "foo") == "1.2.3");
  CHECK(guess("m4-1.4.19.tar.xz", "m4") == "1.4.19");
  CHECK(guess("Python-3.11.2.tgz", "python") == "3.11.2");
  CHECK(guess("openssl-1.1.1w.tar.gz", "openssl") == "1.1.1w");
  CHECK(guess("Python-3.12.0rc1.tar.xz", "python") == "3.12.0rc1");
  CHECK(guess("v2.0.1.tar.gz", "lab") == "2.0.1");
  CHECK(guess("libfoo2-1.0.tar.gz", "libfoo2") == "1.0");
  CHECK(guess("bzip2-1.0.8.tar.gz", "bzip2") == "1.0.8");
  CHECK(guess("ncurses-6.4-src.tar.gz", "ncurses") == "6.4");
  CHECK(guess("installer-2.5-linux-x86_64.sh", "installer") == "2.5");
  // A plain number right after the name.
  CHECK(guess("tool-7.tar.gz", "tool") == "7");
  CHECK(guess("tool_20240101.tar.gz", "tool") == "20240101");
  CHECK(guess("tool-v12.zip", "tool") == "12");
}

TEST_CASE("guess_version gives up on names without a version", "[authoring]") {
  CHECK(guess("master.tar.gz", "foo") == "none");
  CHECK(guess("foo-latest.tar.gz", "foo") == "none");
  CHECK(guess("x86_64.tar.gz", "foo") == "none");
}

TEST_CASE("url_template puts {version} wherever the version appears", "[authoring]") {
  CHECK(url_template("https://h/dl/v1.2.3/foo-1.2.3.tar.gz", "1.2.3") == "https://h/dl/v{version}/foo-{version}.tar.gz");
  CHECK(url_template("https://ftp.gnu.org/gnu/m4/m4-1.4.19.tar.xz", "1.4.19") ==
        "https://ftp.gnu.org/gnu/m4/m4-{version}.tar.xz");
  // Not in the host, not inside a longer version.
  CHECK(url_template("https://127.0.0.1:8443/x/foo-0.1.tar.gz", "0.1") == "https://127.0.0.1:8443/x/foo-{version}.tar.gz");
  CHECK(url_template("https://h/v1.0.1/foo-1.0.tar.gz", "1.0") == "https://h/v1.0.1/foo-{version}.tar.gz");
  CHECK(url_template("https://h/11.0/foo-1.0.zip", "1.0") == "https://h/11.0/foo-{version}.zip");
  CHECK(url_template("https://h/foo.tar.gz", "1.0") == "https://h/foo.tar.gz");
}

TEST_CASE("guess_version gives up on a name longer than a file name can be", "[authoring]") {
  // std::regex recursed once per character: 30,000 dotted parts or 100,000 digits overflowed the
  // stack (SIGSEGV in `recipe new`). No file system holds a name over 255 bytes.
  std::string dotted = "foo-1";
  for (int i = 0; i < 30000; ++i) dotted += ".1";
  CHECK_FALSE(guess_version(dotted + ".tar.gz", "foo"));
  CHECK_FALSE(guess_version("foo-" + std::string(100000, '1') + ".tar.gz", "foo"));
  CHECK(guess_version("foo-" + std::string(200, 'x') + "-1.2.3.tar.gz", "foo") == "1.2.3");
}
