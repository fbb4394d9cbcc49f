// Gathering for the proxy check: a resolver lookup and a short nonblocking TCP connect per proxy.
#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>

#include "doctor/proxy_check.hpp"
#include "util/error.hpp"

namespace userpkg {
namespace {

Reachability connect_one(const addrinfo& ai, int timeout_ms, std::string& why) {
  int fd = ::socket(ai.ai_family, ai.ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, ai.ai_protocol);
  if (fd < 0) {
    why = "socket: " + errno_text(errno);
    return Reachability::failed;
  }
  Reachability result = Reachability::connected;
  if (::connect(fd, ai.ai_addr, ai.ai_addrlen) != 0) {
    int err = errno;
    if (err == EINPROGRESS) {
      pollfd pfd{fd, POLLOUT, 0};
      int ready;
      do ready = ::poll(&pfd, 1, timeout_ms);
      while (ready < 0 && errno == EINTR);
      if (ready == 0) {
        result = Reachability::timed_out;
        why = "no answer within " + std::to_string(timeout_ms) + " ms";
      } else {
        socklen_t len = sizeof err;
        err = 0;
        if (ready < 0 || ::getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len) != 0) err = errno;
      }
    }
    if (result != Reachability::timed_out && err != 0) {
      result = err == ECONNREFUSED ? Reachability::refused : Reachability::failed;
      why = errno_text(err);
    }
  }
  ::close(fd);
  return result;
}

}  // namespace

Reachability probe_tcp(const std::string& host, const std::string& port, int timeout_ms, std::string& why) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* list = nullptr;
  int rc = ::getaddrinfo(host.c_str(), port.c_str(), &hints, &list);
  if (rc != 0) {
    why = ::gai_strerror(rc);
    return Reachability::unresolved;
  }
  Reachability result = Reachability::failed;
  int tried = 0;
  for (addrinfo* ai = list; ai && tried < 3; ai = ai->ai_next, ++tried) {
    result = connect_one(*ai, timeout_ms, why);
    if (result == Reachability::connected) break;
  }
  ::freeaddrinfo(list);
  return result;
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
