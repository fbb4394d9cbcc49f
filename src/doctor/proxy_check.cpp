#include "doctor/proxy_check.hpp"

namespace userpkg {

std::optional<ProxyAddress> parse_proxy_url(const std::string& value) {
  ProxyAddress a;
  std::string rest = value;
  if (auto scheme_end = rest.find("://"); scheme_end != std::string::npos) {
    a.scheme = rest.substr(0, scheme_end);
    rest = rest.substr(scheme_end + 3);
  } else {
    a.scheme = "http";
  }
  rest = rest.substr(0, rest.find_first_of("/?#"));
  if (auto at = rest.rfind('@'); at != std::string::npos) rest = rest.substr(at + 1);
  if (rest.starts_with("[")) {
    auto close = rest.find(']');
    if (close == std::string::npos) return std::nullopt;
    a.host = rest.substr(1, close - 1);
    rest = rest.substr(close + 1);
    if (rest.starts_with(":")) a.port = rest.substr(1);
  } else if (auto colon = rest.rfind(':'); colon != std::string::npos) {
    a.host = rest.substr(0, colon);
    a.port = rest.substr(colon + 1);
  } else {
    a.host = rest;
  }
  if (a.host.empty()) return std::nullopt;
  if (a.port.empty()) a.port = a.scheme == "https" ? "443" : "1080";
  return a;
}

std::vector<Finding> check_proxies(const ProxyCheckInput& input) {
  std::vector<Finding> out;
  if (input.proxies.empty()) {
    out.push_back({"proxy.none", Severity::ok, "no proxy variables set", "", ""});
    return out;
  }
  for (const ProxyFacts& p : input.proxies) {
    std::string set_at;
    auto lines = find_assignments(input.startup_files, p.variable);
    if (!lines.empty()) set_at = " (set at " + where(lines.front(), input.home) + ")";
    std::string fix = "unset " + p.variable + ", or correct it" + set_at;
    std::string label = p.variable + "=" + p.value;
    if (!p.address) {
      out.push_back({"proxy.malformed", Severity::error, label + " has no host name", "downloads would fail.", fix});
      continue;
    }
    std::string target = p.address->host + ":" + p.address->port;
    switch (p.reachability) {
      case Reachability::connected:
        out.push_back({"proxy.reachable", Severity::ok, label + ": " + target + " accepts connections", "", ""});
        break;
      case Reachability::unresolved:
        out.push_back({"proxy.unresolved", Severity::error, label + ": the host " + p.address->host + " does not resolve",
                       p.why + "; every download through it fails.", fix});
        break;
      case Reachability::refused:
        out.push_back({"proxy.refused", Severity::error, label + ": nothing listens on " + target,
                       "the connection is refused; every download through it fails.", fix});
        break;
      case Reachability::timed_out:
        out.push_back({"proxy.timeout", Severity::warning, label + ": " + target + " did not answer within a second",
                       "a firewall may drop the packets, or the proxy is only reachable from another network.", fix});
        break;
      case Reachability::failed:
        out.push_back({"proxy.unreachable", Severity::error, label + ": cannot connect to " + target, p.why, fix});
        break;
    }
  }
  return out;
}

}  // namespace userpkg
