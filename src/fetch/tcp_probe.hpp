#pragma once
// Can a TCP connection to host:port be opened? For `doctor`'s proxy check. Name resolution goes
// through libcurl (c-ares in the static build, the system resolver in the dynamic one), never the
// C library's getaddrinfo: a static binary must not load the host's NSS modules.
#include <string>

namespace userpkg {

enum class TcpProbeResult { connected, refused, timed_out, unresolved, failed };

struct TcpProbe {
  TcpProbeResult result = TcpProbeResult::failed;
  std::string why;  // the resolver's or the connect's words, when not connected
};

// Resolves `host` (a name, an IPv4 address or an IPv6 one without brackets) and connects to
// `port`, no proxy in between, within `timeout_ms` for both together; sends nothing.
TcpProbe probe_tcp_connect(const std::string& host, const std::string& port, int timeout_ms);

}  // namespace userpkg
