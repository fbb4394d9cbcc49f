// Gathering for the proxy check: a short TCP connect per proxy, its name resolved by libcurl
// (fetch/tcp_probe.hpp), never by the C library's resolver.
#include "doctor/proxy_check.hpp"
#include "fetch/tcp_probe.hpp"

namespace userpkg {

Reachability probe_tcp(const std::string& host, const std::string& port, int timeout_ms, std::string& why) {
  TcpProbe probe = probe_tcp_connect(host, port, timeout_ms);
  why = probe.why;
  switch (probe.result) {
    case TcpProbeResult::connected: return Reachability::connected;
    case TcpProbeResult::refused: return Reachability::refused;
    case TcpProbeResult::timed_out: return Reachability::timed_out;
    case TcpProbeResult::unresolved: return Reachability::unresolved;
    case TcpProbeResult::failed: return Reachability::failed;
  }
  return Reachability::failed;
}

std::vector<ProxyFacts> gather_proxy_facts(const Environment& env, int timeout_ms) {
  std::vector<ProxyFacts> out;
  for (const char* name : {"http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"}) {
    auto value = env.get(name);
    if (!value || value->empty()) continue;
    ProxyFacts p;
    p.variable = name;
    p.value = *value;
    p.address = parse_proxy_url(*value);
    if (p.address) p.reachability = probe_tcp(p.address->host, p.address->port, timeout_ms, p.why);
    out.push_back(std::move(p));
  }
  return out;
}

}  // namespace userpkg
