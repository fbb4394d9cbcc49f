// Retries, TLS verification, proxies and offline mode.
#include <catch2/catch.hpp>

#include "fetch/fetcher.hpp"
#include "fetch_test_support.hpp"
#include "util/error.hpp"

using namespace userpkg;
using namespace userpkg::test;

namespace {
// The Error fetch_all throws (fails the test if it returns).
Error fetch_error(Fetcher& fetcher, const std::vector<FetchItem>& items) {
  try {
    fetcher.fetch_all(items);
  } catch (const Error& e) {
    return e;
  }
  FAIL("expected fetch_all to throw");
  return Error("unreachable");
}
}  // namespace

TEST_CASE("HTTP 503 is retried with back-off, then reported", "[fetch][net][retry]") {
  FetchFixture fx;
  SourceFile f = fx.serve("pkg.tar.gz", "content");
  f.url = fx.server.http_url() + "/fail503/pkg.tar.gz";
  FetchSettings settings = fx.settings();
  settings.retries = 2;
  Fetcher fetcher(settings, fx.reporter);
  auto started = std::chrono::steady_clock::now();
  Error e = fetch_error(fetcher, {FetchItem{"pkg", {f}}});
  auto elapsed = std::chrono::steady_clock::now() - started;
  CHECK_THAT(e.why(), Catch::Contains(f.url + ": HTTP 503 (tried 3 times)"));
  CHECK(fx.server.count_requests("GET /fail503/pkg.tar.gz 503") == 3);
  CHECK(elapsed >= std::chrono::milliseconds(30));  // 10 ms + 20 ms of back-off
}

TEST_CASE("a failing mirror falls through to upstream after its retries", "[fetch][net][retry]") {
  FetchFixture fx;
  SourceFile f = fx.serve("pkg.tar.gz", "content");
  FetchSettings settings = fx.settings();
  settings.retries = 1;
  settings.mirrors = {fx.server.http_url() + "/fail503"};
  Fetcher fetcher(settings, fx.reporter);
  auto results = fetcher.fetch_all({FetchItem{"pkg", {f}}});
  CHECK(results[0].origin == f.url);
  CHECK(fx.server.count_requests(" 503 ") == 2);
}

TEST_CASE("TLS is verified against the configured CA", "[fetch][net][tls]") {
  FetchFixture fx;
  SourceFile f = fx.serve("pkg.tar.gz", "over tls");
  f.url = fx.server.https_url() + "/pkg.tar.gz";
  FetchSettings settings = fx.settings();

  SECTION("refused without the test CA") {
    settings.ca_file.clear();  // FetchFixture unsets SSL_CERT_FILE and SSL_CERT_DIR: the system bundle
    Fetcher fetcher(settings, fx.reporter);
    Error e = fetch_error(fetcher, {FetchItem{"pkg", {f}}});
    CHECK_THAT(e.why(), Catch::Contains("TLS certificate verification failed"));
    CHECK_THAT(e.hint(), Catch::Contains("SSL_CERT_FILE"));
    CHECK_THAT(e.hint(), Catch::Contains("ca_file"));
    CHECK(fx.server.count_requests("/pkg.tar.gz") == 0);
  }
  SECTION("accepted with ca_file") {
    Fetcher fetcher(settings, fx.reporter);
    CHECK(read_file(fetcher.fetch_all({FetchItem{"pkg", {f}}})[0].path) == "over tls");
  }
  SECTION("accepted with SSL_CERT_FILE") {
    settings.ca_file.clear();
    ScopedEnv cert_file("SSL_CERT_FILE", fx.server.ca_file().string());
    Fetcher fetcher(settings, fx.reporter);
    CHECK(read_file(fetcher.fetch_all({FetchItem{"pkg", {f}}})[0].path) == "over tls");
  }
}

TEST_CASE("a CA setting that names nothing fails https, with what was set, and leaves http alone",
          "[fetch][net][tls]") {
  FetchFixture fx;
  SourceFile f = fx.serve("pkg.tar.gz", "content");
  FetchSettings settings = fx.settings();
  ScopedEnv cert_file("SSL_CERT_FILE", (fx.tmp.path() / "no-such-ca.pem").string());

  SECTION("https: the error names SSL_CERT_FILE and nothing is requested or left behind") {
    f.url = fx.server.https_url() + "/pkg.tar.gz";
    Fetcher fetcher(settings, fx.reporter);  // ca_file (the test CA) is set, and must not be used
    Error e = fetch_error(fetcher, {FetchItem{"pkg", {f}}});
    CHECK_THAT(e.why(), Catch::Contains("SSL_CERT_FILE names no CA bundle"));
    CHECK_THAT(e.why(), Catch::Contains("no-such-ca.pem: does not exist"));
    CHECK_THAT(e.hint(), Catch::Contains("SSL_CERT_FILE"));
    CHECK(fx.server.count_requests("/pkg.tar.gz") == 0);
    std::error_code ec;
    for (auto it = std::filesystem::recursive_directory_iterator(fx.cache, ec);
         it != std::filesystem::recursive_directory_iterator(); ++it)
      CHECK_FALSE(it->path().extension() == ".part");
  }
  SECTION("plain http needs no CA bundle") {
    f.url = fx.server.http_url() + "/pkg.tar.gz";
    Fetcher fetcher(settings, fx.reporter);
    CHECK(read_file(fetcher.fetch_all({FetchItem{"pkg", {f}}})[0].path) == "content");
  }
}

TEST_CASE("a dead proxy is named in the error with its variable", "[fetch][net][proxy]") {
  FetchFixture fx;
  SourceFile f = fx.serve("pkg.tar.gz", "content");
  f.url = fx.server.https_url() + "/pkg.tar.gz";
  std::string proxy = "http://127.0.0.1:" + std::to_string(unused_port());
  ScopedEnv https_proxy("https_proxy", proxy);
  FetchSettings settings = fx.settings();
  settings.retries = 0;
  Fetcher fetcher(settings, fx.reporter);
  Error e = fetch_error(fetcher, {FetchItem{"pkg", {f}}});
  CHECK_THAT(e.why(), Catch::Contains("through proxy " + proxy + " (from https_proxy)"));
  CHECK_THAT(e.hint(), Catch::Contains("https_proxy"));
  CHECK(fx.server.requests().empty());
}

TEST_CASE("offline: only mirrors and the cache, and a clear error otherwise", "[fetch][net][offline]") {
  FetchFixture fx;
  SourceFile f = fx.serve("pkg.tar.gz", "content");
  FetchSettings settings = fx.settings();
  settings.offline = true;

  SECTION("no mirrors") {
    Fetcher fetcher(settings, fx.reporter);
    Error e = fetch_error(fetcher, {FetchItem{"pkg", {f}}});
    CHECK_THAT(e.what(), Catch::Contains("pkg.tar.gz"));
    CHECK_THAT(e.what(), Catch::Contains("offline"));
    CHECK_THAT(e.why(), Catch::Contains("no mirror is configured"));
    CHECK_THAT(e.hint(), Catch::Contains("userpkg fetch"));
    CHECK_THAT(e.hint(), Catch::Contains("--mirror DIR"));
  }
  SECTION("a mirror without the file is named") {
    settings.mirrors = {fx.tmp.path().string()};
    Fetcher fetcher(settings, fx.reporter);
    Error e = fetch_error(fetcher, {FetchItem{"pkg", {f}}});
    CHECK_THAT(e.why(), Catch::Contains((fx.tmp.path() / "pkg" / "pkg.tar.gz").string() + ": not found"));
    CHECK_THAT(e.hint(), Catch::Contains("--mirror DIR"));
  }
  SECTION("the cache still serves") {
    Fetcher online(fx.settings(), fx.reporter);
    online.fetch_all({FetchItem{"pkg", {f}}});
    Fetcher fetcher(settings, fx.reporter);
    CHECK(fetcher.fetch_all({FetchItem{"pkg", {f}}})[0].from_cache);
  }
  CHECK(fx.server.count_requests("GET") <= 1);
}
