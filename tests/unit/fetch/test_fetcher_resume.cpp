// Resuming a partial download from <cache>/<sha256>/<file>.part.
#include <catch2/catch.hpp>

#include "fetch/fetcher.hpp"
#include "fetch_test_support.hpp"

using namespace userpkg;
using namespace userpkg::test;

namespace {
std::filesystem::path write_part(const FetchFixture& fx, const SourceFile& f, const std::string& bytes) {
  auto part = fx.cache / f.sha256 / (f.file_name + ".part");
  ensure_dir(part.parent_path());
  write_file_atomic(part, bytes);
  return part;
}
}  // namespace

TEST_CASE("a .part file is resumed with a Range request", "[fetch][net][resume]") {
  FetchFixture fx;
  std::string content = test_bytes(300000, 20);
  SourceFile f = fx.serve("big.tar.gz", content);
  write_part(fx, f, content.substr(0, 150000));

  Fetcher fetcher(fx.settings(), fx.reporter);
  auto results = fetcher.fetch_all({FetchItem{"big", {f}}});
  CHECK(sha256_file(results[0].path) == f.sha256);
  CHECK(fx.server.requests() == std::vector<std::string>{"GET /big.tar.gz 206 range=bytes=150000-"});
}

TEST_CASE("a server that ignores Range gets the whole file again", "[fetch][net][resume]") {
  FetchFixture fx;
  std::string content = test_bytes(300000, 21);
  SourceFile f = fx.serve("big.tar.gz", content);
  f.url = fx.server.http_url() + "/norange/big.tar.gz";
  // Garbage in the part proves it is replaced, not appended to.
  write_part(fx, f, std::string(1000, 'x'));

  Fetcher fetcher(fx.settings(), fx.reporter);
  auto results = fetcher.fetch_all({FetchItem{"big", {f}}});
  CHECK(sha256_file(results[0].path) == f.sha256);
  CHECK(fx.server.requests() == std::vector<std::string>{"GET /norange/big.tar.gz 200 range=bytes=1000-"});
}

TEST_CASE("416 (part longer than the file) restarts from zero", "[fetch][net][resume]") {
  FetchFixture fx;
  std::string content = test_bytes(5000, 22);
  SourceFile f = fx.serve("small.tar.gz", content);
  write_part(fx, f, content + "trailing junk");

  Fetcher fetcher(fx.settings(), fx.reporter);
  auto results = fetcher.fetch_all({FetchItem{"small", {f}}});
  CHECK(read_file(results[0].path) == content);
  CHECK(fx.server.requests() ==
        std::vector<std::string>{"GET /small.tar.gz 416 range=bytes=5013-", "GET /small.tar.gz 200 range=-"});
}

TEST_CASE("a resumed part with wrong leading bytes fails verification and is deleted", "[fetch][net][resume]") {
  FetchFixture fx;
  std::string content = test_bytes(10000, 23);
  SourceFile f = fx.serve("pkg.tar.gz", content);
  auto part = write_part(fx, f, std::string(4000, 'x'));

  Fetcher fetcher(fx.settings(), fx.reporter);
  CHECK_THROWS_WITH(fetcher.fetch_all({FetchItem{"pkg", {f}}}), Catch::Contains("pkg.tar.gz"));
  CHECK_FALSE(std::filesystem::exists(part));
  // The next attempt starts clean and succeeds.
  auto results = fetcher.fetch_all({FetchItem{"pkg", {f}}});
  CHECK(read_file(results[0].path) == content);
}

TEST_CASE("a stalled transfer is cut by the low-speed limit and its part resumed later", "[fetch][net][resume]") {
  FetchFixture fx;
  std::string content = test_bytes(200000, 24);
  SourceFile f = fx.serve("pkg.tar.gz", content);
  SourceFile slow = f;
  slow.url = fx.server.http_url() + "/slow/pkg.tar.gz";  // 4 KB/s
  FetchSettings settings = fx.settings();
  settings.retries = 0;
  settings.low_speed_limit = 100000;
  settings.low_speed_time = std::chrono::seconds(1);
  Fetcher fetcher(settings, fx.reporter);
  CHECK_THROWS_WITH(fetcher.fetch_all({FetchItem{"pkg", {slow}}}), Catch::Contains("pkg.tar.gz"));

  auto part = fx.cache / f.sha256 / "pkg.tar.gz.part";
  REQUIRE(std::filesystem::exists(part));
  auto kept = std::filesystem::file_size(part);
  CHECK(kept > 0);
  CHECK(kept < content.size());

  auto results = fetcher.fetch_all({FetchItem{"pkg", {f}}});
  CHECK(read_file(results[0].path) == content);
  CHECK(fx.server.count_requests("GET /pkg.tar.gz 206 range=bytes=" + std::to_string(kept) + "-") == 1);
}
