// Fetcher against a real nginx: downloads, cache, mirrors, verification, parallel transfers.
#include <catch2/catch.hpp>

#include "fetch/fetcher.hpp"
#include "fetch_test_support.hpp"
#include "util/error.hpp"

using namespace userpkg;
using namespace userpkg::test;

TEST_CASE("fetch downloads, verifies and caches a file", "[fetch][net]") {
  FetchFixture fx;
  std::string content = test_bytes(200000);
  SourceFile f = fx.serve("dist/pkg-1.0.tar.gz", content);
  Fetcher fetcher(fx.settings(), fx.reporter);

  auto results = fetcher.fetch_all({FetchItem{"pkg", {f}}});
  REQUIRE(results.size() == 1);
  CHECK(results[0].path == fx.cache / f.sha256 / "pkg-1.0.tar.gz");
  CHECK(read_file(results[0].path) == content);
  CHECK(results[0].origin == f.url);
  CHECK_FALSE(results[0].from_cache);
  CHECK_FALSE(std::filesystem::exists(fx.cache / f.sha256 / "pkg-1.0.tar.gz.part"));
  CHECK(fetcher.cached(f) == results[0].path);
  // Progress: at least one report naming the file, then an empty list when all are done.
  REQUIRE(fx.reporter.last_active.size() == 1);
  CHECK(fx.reporter.last_active[0].name == "pkg-1.0.tar.gz");
  CHECK(fx.reporter.last_active[0].done <= content.size());
  CHECK(fx.reporter.transfer_reports >= 2);

  SECTION("a second fetch is served from the cache without a request") {
    Fetcher again(fx.settings(), fx.reporter);
    auto second = again.fetch_all({FetchItem{"pkg", {f}}});
    CHECK(second[0].from_cache);
    CHECK(second[0].path == results[0].path);
    CHECK(fx.server.count_requests("GET /dist/pkg-1.0.tar.gz") == 1);
  }
  SECTION("a corrupted cache entry is not used") {
    write_file_atomic(results[0].path, "tampered");
    CHECK_FALSE(fetcher.cached(f));
    auto second = fetcher.fetch_all({FetchItem{"pkg", {f}}});
    CHECK_FALSE(second[0].from_cache);
    CHECK(read_file(second[0].path) == content);
    CHECK(fx.server.count_requests("GET /dist/pkg-1.0.tar.gz 200") == 2);
  }
}

TEST_CASE("a local mirror's file is verified and used in place", "[fetch][net][mirror]") {
  FetchFixture fx;
  std::string content = test_bytes(5000, 2);
  auto mirror = fx.tmp.path() / "mirror";
  ensure_dir(mirror / "pkg");
  write_file_atomic(mirror / "pkg" / "pkg-1.0.tar.gz", content);
  SourceFile f{fx.server.http_url() + "/upstream/pkg-1.0.tar.gz", "pkg-1.0.tar.gz", sha256_hex(content)};

  FetchSettings settings = fx.settings();
  std::string expected_origin;
  SECTION("directory") { settings.mirrors = {mirror.string()}; }
  SECTION("file:// URL") { settings.mirrors = {"file://" + mirror.string()}; }
  Fetcher fetcher(settings, fx.reporter);
  auto results = fetcher.fetch_all({FetchItem{"pkg", {f}}});
  CHECK(results[0].path == mirror / "pkg" / "pkg-1.0.tar.gz");
  CHECK(results[0].origin == (mirror / "pkg" / "pkg-1.0.tar.gz").string());
  CHECK_FALSE(std::filesystem::exists(fx.cache / f.sha256));
  CHECK(fx.server.requests().empty());
}

TEST_CASE("a local mirror file with the wrong hash is skipped, not deleted", "[fetch][net][mirror]") {
  FetchFixture fx;
  std::string content = test_bytes(5000, 3);
  SourceFile f = fx.serve("upstream/pkg-1.0.tar.gz", content);
  auto mirror = fx.tmp.path() / "mirror";
  ensure_dir(mirror / "pkg");
  write_file_atomic(mirror / "pkg" / "pkg-1.0.tar.gz", "not the release");
  FetchSettings settings = fx.settings();
  settings.mirrors = {mirror.string()};
  Fetcher fetcher(settings, fx.reporter);
  auto results = fetcher.fetch_all({FetchItem{"pkg", {f}}});
  CHECK(results[0].origin == f.url);
  CHECK(std::filesystem::exists(mirror / "pkg" / "pkg-1.0.tar.gz"));
  REQUIRE(fx.reporter.warnings.size() == 1);
  CHECK_THAT(fx.reporter.warnings[0], Catch::Contains("sha256 mismatch: expected " + f.sha256));
}

TEST_CASE("http mirrors are tried in order, then upstream", "[fetch][net][mirror]") {
  FetchFixture fx;
  std::string content = test_bytes(3000, 4);
  fx.serve("m2/pkg/pkg-1.0.tar.gz", content);
  SourceFile f{fx.server.http_url() + "/upstream/pkg-1.0.tar.gz", "pkg-1.0.tar.gz", sha256_hex(content)};
  FetchSettings settings = fx.settings();
  settings.mirrors = {fx.server.http_url() + "/m1", fx.server.http_url() + "/m2/"};
  Fetcher fetcher(settings, fx.reporter);

  auto results = fetcher.fetch_all({FetchItem{"pkg", {f}}});
  CHECK(results[0].origin == fx.server.http_url() + "/m2/pkg/pkg-1.0.tar.gz");
  CHECK(fx.server.requests() ==
        std::vector<std::string>{"GET /m1/pkg/pkg-1.0.tar.gz 404 range=-", "GET /m2/pkg/pkg-1.0.tar.gz 200 range=-"});
}

TEST_CASE("the first candidate on any mirror beats the second; the second is used when the first is missing",
          "[fetch][net][mirror]") {
  FetchFixture fx;
  std::string gz = test_bytes(3000, 5), xz = test_bytes(2000, 6);
  SourceFile f_xz = fx.serve("up/pkg-1.0.tar.xz", xz);
  SourceFile f_gz = fx.serve("m/pkg/pkg-1.0.tar.gz", gz);
  FetchSettings settings = fx.settings();
  settings.mirrors = {fx.server.http_url() + "/m"};
  Fetcher fetcher(settings, fx.reporter);
  // xz is preferred but only upstream has it; the mirror's gz comes first (mirrors before upstream).
  auto results = fetcher.fetch_all({FetchItem{"pkg", {f_xz, f_gz}}});
  CHECK(results[0].file.file_name == "pkg-1.0.tar.gz");
  CHECK(fx.server.count_requests("/up/") == 0);
}

TEST_CASE("a sha256 mismatch deletes the download and names URL, expected and actual hash", "[fetch][net]") {
  FetchFixture fx;
  SourceFile f = fx.serve("pkg-1.0.tar.gz", "the real content");
  std::string actual = f.sha256;
  f.sha256 = sha256_hex("what the recipe expected");
  Fetcher fetcher(fx.settings(), fx.reporter);
  try {
    fetcher.fetch_all({FetchItem{"pkg", {f}}});
    FAIL("expected an Error");
  } catch (const Error& e) {
    CHECK_THAT(e.what(), Catch::Contains("pkg-1.0.tar.gz"));
    CHECK_THAT(e.why(), Catch::Contains(f.url));
    CHECK_THAT(e.why(), Catch::Contains("expected " + f.sha256));
    CHECK_THAT(e.why(), Catch::Contains("got " + actual));
  }
  CHECK_FALSE(std::filesystem::exists(fx.cache / f.sha256 / "pkg-1.0.tar.gz"));
  CHECK_FALSE(std::filesystem::exists(fx.cache / f.sha256 / "pkg-1.0.tar.gz.part"));
  CHECK(fx.reporter.warnings.size() == 1);
}

TEST_CASE("not found anywhere: the error lists every source tried", "[fetch][net]") {
  FetchFixture fx;
  SourceFile f{fx.server.http_url() + "/nowhere/pkg-1.0.tar.gz", "pkg-1.0.tar.gz", sha256_hex("x")};
  FetchSettings settings = fx.settings();
  settings.mirrors = {fx.tmp.path().string(), fx.server.http_url() + "/m"};
  Fetcher fetcher(settings, fx.reporter);
  try {
    fetcher.fetch_all({FetchItem{"pkg", {f}}});
    FAIL("expected an Error");
  } catch (const Error& e) {
    CHECK_THAT(e.what(), Catch::Contains("cannot download pkg-1.0.tar.gz"));
    CHECK_THAT(e.why(), Catch::Contains((fx.tmp.path() / "pkg" / "pkg-1.0.tar.gz").string() + ": not found"));
    CHECK_THAT(e.why(), Catch::Contains(fx.server.http_url() + "/m/pkg/pkg-1.0.tar.gz: not found (HTTP 404)"));
    CHECK_THAT(e.why(), Catch::Contains(f.url + ": not found (HTTP 404)"));
    CHECK_FALSE(e.hint().empty());
  }
  CHECK(fx.server.count_requests(" 404 ") == 2);  // 404 is not retried
}

TEST_CASE("several files download in parallel; one failure does not stop the others", "[fetch][net]") {
  FetchFixture fx;
  std::vector<FetchItem> items;
  std::vector<std::string> contents;
  for (unsigned i = 0; i < 6; ++i) {
    contents.push_back(test_bytes(100000 + i * 1000, 10 + i));
    items.push_back(FetchItem{"p" + std::to_string(i), {fx.serve("f" + std::to_string(i) + ".tgz", contents.back())}});
  }
  FetchSettings settings = fx.settings();
  settings.parallel = 3;

  SECTION("all succeed, results in item order") {
    Fetcher fetcher(settings, fx.reporter);
    auto results = fetcher.fetch_all(items);
    REQUIRE(results.size() == 6);
    for (std::size_t i = 0; i < 6; ++i) CHECK(read_file(results[i].path) == contents[i]);
  }
  SECTION("one missing: the error names it, the rest are cached") {
    items[2].candidates[0].url = fx.server.http_url() + "/missing.tgz";
    Fetcher fetcher(settings, fx.reporter);
    try {
      fetcher.fetch_all(items);
      FAIL("expected an Error");
    } catch (const Error& e) {
      CHECK_THAT(e.what(), Catch::Contains("f2.tgz"));
      CHECK_THAT(e.why(), Catch::Contains("/missing.tgz: not found"));
    }
    for (std::size_t i = 0; i < 6; ++i) CHECK(fetcher.cached(items[i].candidates[0]).has_value() == (i != 2));
  }
}

TEST_CASE("invalid recipe data is refused before any download", "[fetch]") {
  RecordingReporter reporter;
  FetchSettings settings;
  settings.cache_dir = "/nonexistent-cache";
  Fetcher fetcher(settings, reporter);
  CHECK_THROWS_AS(fetcher.fetch_all({FetchItem{"p", {SourceFile{"http://x/a", "../a", sha256_hex("a")}}}}), Error);
  CHECK_THROWS_AS(fetcher.fetch_all({FetchItem{"p", {SourceFile{"http://x/a", "a", "ABC"}}}}), Error);
}
