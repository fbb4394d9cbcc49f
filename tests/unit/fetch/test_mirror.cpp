#include <catch2/catch.hpp>

#include "fetch/mirror.hpp"
#include "util/error.hpp"

using namespace userpkg;

TEST_CASE("mirror_location maps directories, file:// and http(s) mirrors", "[fetch][mirror]") {
  auto dir = mirror_location("/srv/mirror/", "python", "Python-3.11.2.tgz");
  CHECK(dir.local);
  CHECK(dir.path == std::filesystem::path("/srv/mirror/python/Python-3.11.2.tgz"));

  auto relative = mirror_location("mirror", "git", "git-2.39.5.tar.xz");
  CHECK(relative.local);
  CHECK(relative.path == std::filesystem::path("mirror/git/git-2.39.5.tar.xz"));

  auto file_url = mirror_location("file:///srv/my%20mirror", "xz", "xz-5.4.tar.gz");
  CHECK(file_url.local);
  CHECK(file_url.path == std::filesystem::path("/srv/my mirror/xz/xz-5.4.tar.gz"));

  auto http = mirror_location("http://127.0.0.1:8080/m//", "xz", "xz-5.4.tar.gz");
  CHECK_FALSE(http.local);
  CHECK(http.url == "http://127.0.0.1:8080/m/xz/xz-5.4.tar.gz");

  auto https = mirror_location("HTTPS://example.org", "xz", "a.tgz");
  CHECK_FALSE(https.local);
  CHECK(https.url == "HTTPS://example.org/xz/a.tgz");
}

TEST_CASE("mirror_location rejects other schemes", "[fetch][mirror]") {
  CHECK_THROWS_AS(mirror_location("ftp://example.org/m", "xz", "a.tgz"), Error);
  CHECK_FALSE(is_remote_url("ftp://example.org"));
  CHECK(is_remote_url("http://x"));
}
