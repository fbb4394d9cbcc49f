#include <catch2/catch.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include "doctor/disk_check.hpp"
#include "doctor/proxy_check.hpp"
#include "util/strings.hpp"

using namespace userpkg;

namespace {

// A TCP socket bound to 127.0.0.1 on a free port; listening or not.
struct LocalSocket {
  int fd = -1;
  std::string port;
  explicit LocalSocket(bool listening) {
    fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
    socklen_t len = sizeof addr;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
    port = std::to_string(ntohs(addr.sin_port));
    if (listening) REQUIRE(::listen(fd, 4) == 0);
  }
  ~LocalSocket() { ::close(fd); }
};

}  // namespace

TEST_CASE("low free space is a warning naming the cache size and gc", "[doctor]") {
  DiskFacts facts;
  facts.prefix = "/p";
  facts.cache = "/p/var/cache";
  facts.cache_size = 1'500'000'000;
  facts.prefix_space = DiskSpace{500'000'000, 100'000'000'000, 1};
  facts.cache_space = DiskSpace{500'000'000, 100'000'000'000, 1};
  auto findings = check_disk(facts);
  REQUIRE(findings.size() == 2);  // one file system: one space finding, plus the quota one
  CHECK(findings[0].id == "disk.low");
  CHECK(findings[0].severity == Severity::warning);
  CHECK_THAT(findings[0].fix, Catch::Contains("userpkg gc"));
  CHECK_THAT(findings[0].fix, Catch::Contains("1.5 GB"));
  CHECK(findings[1].id == "disk.quota-unknown");

  facts.prefix_space->free_bytes = 50'000'000'000;
  facts.cache_space = DiskSpace{50'000'000'000, 100'000'000'000, 2};
  facts.quota = {true, "", 9'000'000'000, 10'000'000'000, 0};
  findings = check_disk(facts);
  REQUIRE(findings.size() == 3);
  CHECK(findings[0].severity == Severity::ok);
  CHECK(findings[1].severity == Severity::ok);
  CHECK(findings[2].id == "disk.quota-low");
}

TEST_CASE("disk facts of this machine", "[doctor]") {
  auto space = disk_space("/tmp/does/not/exist/yet");  // the nearest existing ancestor counts
  REQUIRE(space);
  CHECK(space->total_bytes > 0);
  CHECK(directory_size("/nonexistent") == 0);
  CHECK(human_bytes(2'500'000'000) == "2.5 GB");
  QuotaInfo q = user_quota("/tmp");
  CHECK((q.available || !q.why_unavailable.empty()));
}

TEST_CASE("proxy URLs", "[doctor]") {
  CHECK(parse_proxy_url("http://user:pw@proxy.example:3128/") == ProxyAddress{"http", "proxy.example", "3128"});
  CHECK(parse_proxy_url("proxy.example") == ProxyAddress{"http", "proxy.example", "1080"});
  CHECK(parse_proxy_url("https://proxy.example") == ProxyAddress{"https", "proxy.example", "443"});
  CHECK(parse_proxy_url("socks5h://[::1]:1081") == ProxyAddress{"socks5h", "::1", "1081"});
  CHECK_FALSE(parse_proxy_url("http://"));
}

TEST_CASE("a proxy port that refuses, one that listens, a host that does not resolve", "[doctor]") {
  std::string why;
  LocalSocket closed(false);
  CHECK(probe_tcp("127.0.0.1", closed.port, 1000, why) == Reachability::refused);
  LocalSocket open(true);
  CHECK(probe_tcp("127.0.0.1", open.port, 1000, why) == Reachability::connected);
  CHECK(probe_tcp("proxy.invalid", "3128", 1000, why) == Reachability::unresolved);

  Environment env;
  env.set("https_proxy", "http://127.0.0.1:" + closed.port);
  env.set("http_proxy", "http://127.0.0.1:" + open.port);
  ProxyCheckInput input{gather_proxy_facts(env), {{"/h/.bashrc", "export https_proxy=http://x\n"}}, "/h"};
  auto findings = check_proxies(input);
  REQUIRE(findings.size() == 2);
  CHECK(findings[0].id == "proxy.reachable");
  CHECK(findings[1].id == "proxy.refused");
  CHECK(findings[1].severity == Severity::error);
  CHECK_THAT(findings[1].fix, Catch::Contains("unset https_proxy"));
  CHECK_THAT(findings[1].fix, Catch::Contains("~/.bashrc:1"));
}

TEST_CASE("the JSON report has stable keys and a summary", "[doctor]") {
  Report report;
  report.checks.push_back({"path", {{"path.x", Severity::warning, "t", "d", "f"}, {"path.y", Severity::ok, "t", "", ""}}});
  auto json = report_to_json(report);
  CHECK(json["checks"][0]["family"] == "path");
  CHECK(json["checks"][0]["findings"][0]["severity"] == "warning");
  CHECK(json["checks"][0]["findings"][0]["fix"] == "f");
  CHECK(json["summary"]["warning"] == 1);
  CHECK(json["summary"]["ok"] == 1);
  CHECK(json["worst"] == "warning");
  CHECK_FALSE(report.has_errors());
  CHECK(list_some({"a", "b", "c"}, 2) == "a, b and 1 more");
}
