#pragma once
// Check 6: proxy variables that point at a host that does not resolve or a port that refuses.
#include <optional>
#include <string>
#include <vector>

#include "doctor/finding.hpp"
#include "doctor/startup_files.hpp"
#include "util/environment.hpp"

namespace userpkg {

struct ProxyAddress {
  std::string scheme;  // "http", "https", "socks5", …
  std::string host;    // without IPv6 brackets
  std::string port;
  bool operator==(const ProxyAddress&) const = default;
};
// "http://user:pw@proxy:3128/" -> {http, proxy, 3128}; no scheme means http (as curl); the default
// port is curl's: 1080, or 443 for https. nullopt if there is no host.
std::optional<ProxyAddress> parse_proxy_url(const std::string& value);

enum class Reachability { connected, refused, timed_out, unresolved, failed };

struct ProxyFacts {
  std::string variable;  // "https_proxy"
  std::string value;
  std::optional<ProxyAddress> address;
  Reachability reachability = Reachability::failed;
  std::string why;  // resolver or connect error text
};

struct ProxyCheckInput {
  std::vector<ProxyFacts> proxies;
  std::vector<StartupText> startup_files;  // to name where a variable is set
  std::string home;
};

std::vector<Finding> check_proxies(const ProxyCheckInput& input);

// Resolves `host` (through libcurl: fetch/tcp_probe.hpp) and tries a TCP connect, within `timeout_ms`
// for both together.
Reachability probe_tcp(const std::string& host, const std::string& port, int timeout_ms, std::string& why);

// The proxy variables set in `env`, each probed (~1 s at most each).
std::vector<ProxyFacts> gather_proxy_facts(const Environment& env, int timeout_ms = 1000);

}  // namespace userpkg
