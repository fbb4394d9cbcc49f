#include <catch2/catch.hpp>

#include "fetch/proxy.hpp"

using namespace userpkg;

namespace {
Environment env_with(std::initializer_list<std::pair<const char*, const char*>> vars) {
  Environment env;
  for (auto& [k, v] : vars) env.set(k, v);
  return env;
}
}  // namespace

TEST_CASE("proxy_for picks the variable curl would use", "[fetch][proxy]") {
  auto env = env_with({{"http_proxy", "http://p1:3128"}, {"HTTPS_PROXY", "http://p2:3128"}});
  auto http = proxy_for("http://example.org/a", env);
  REQUIRE(http);
  CHECK(http->url == "http://p1:3128");
  CHECK(http->variable == "http_proxy");
  auto https = proxy_for("https://example.org/a", env);
  REQUIRE(https);
  CHECK(https->variable == "HTTPS_PROXY");
  CHECK(describe(*https) == "through proxy http://p2:3128 (from HTTPS_PROXY)");
}

TEST_CASE("proxy_for: lower case wins, HTTP_PROXY is ignored, all_proxy is the fallback", "[fetch][proxy]") {
  auto env = env_with({{"https_proxy", "http://lower:1"}, {"HTTPS_PROXY", "http://upper:1"}, {"HTTP_PROXY", "http://cgi:1"}});
  CHECK(proxy_for("https://x.org", env)->variable == "https_proxy");
  CHECK_FALSE(proxy_for("http://x.org", env));
  auto all = env_with({{"ALL_PROXY", "socks5://s:1080"}});
  CHECK(proxy_for("http://x.org", all)->variable == "ALL_PROXY");
  CHECK_FALSE(proxy_for("http://x.org", Environment{}));
}

TEST_CASE("proxy_for honours no_proxy", "[fetch][proxy]") {
  auto env = env_with({{"https_proxy", "http://p:1"}, {"no_proxy", "localhost, .internal.example,127.0.0.1"}});
  CHECK_FALSE(proxy_for("https://localhost:8443/a", env));
  CHECK_FALSE(proxy_for("https://127.0.0.1/a", env));
  CHECK_FALSE(proxy_for("https://files.internal.example/a", env));
  CHECK_FALSE(proxy_for("https://internal.example/a", env));
  CHECK(proxy_for("https://notinternal.example/a", env));
  CHECK(proxy_for("https://user@example.org/a", env));
  auto star = env_with({{"https_proxy", "http://p:1"}, {"NO_PROXY", "*"}});
  CHECK_FALSE(proxy_for("https://example.org", star));
}
