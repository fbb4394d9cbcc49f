#include "fetch/tcp_probe.hpp"

#include <curl/curl.h>

#include <cerrno>
#include <memory>

#include "fetch/curl_defaults.hpp"
#include "fetch/transfer_setup.hpp"
#include "util/error.hpp"

namespace userpkg {

TcpProbe probe_tcp_connect(const std::string& host, const std::string& port, int timeout_ms) {
  init_curl_once();
  std::unique_ptr<CURL, void (*)(CURL*)> easy(curl_easy_init(), curl_easy_cleanup);
  std::unique_ptr<CURLM, CURLMcode (*)(CURLM*)> multi(curl_multi_init(), curl_multi_cleanup);
  if (!easy || !multi) return {TcpProbeResult::failed, "internal error: cannot create a curl handle"};
  // http:// with CONNECT_ONLY: resolve, connect, stop (no TLS, no request).
  const bool ipv6 = host.find(':') != std::string::npos;
  const std::string url = "http://" + (ipv6 ? "[" + host + "]" : host) + ":" + port + "/";
  char error_buffer[CURL_ERROR_SIZE] = {};
  CURL* h = easy.get();
  apply_curl_defaults(h, error_buffer);
  curl_easy_setopt(h, CURLOPT_URL, url.c_str());
  curl_easy_setopt(h, CURLOPT_CONNECT_ONLY, 1L);
  curl_easy_setopt(h, CURLOPT_PROXY, "");  // straight to host:port, whatever the *_proxy variables say
  curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(timeout_ms));
  curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, static_cast<long>(timeout_ms) + 1000L);  // a backstop

  // Driven through the multi interface, as every userpkg transfer is.
  CURLcode code = CURLE_OK;
  curl_multi_add_handle(multi.get(), h);
  for (int running = 1; running > 0;) {
    curl_multi_perform(multi.get(), &running);
    int queued = 0;
    while (CURLMsg* msg = curl_multi_info_read(multi.get(), &queued))
      if (msg->msg == CURLMSG_DONE) code = msg->data.result;
    if (running > 0) curl_multi_poll(multi.get(), nullptr, 0, 100, nullptr);
  }
  long os_errno = 0;
  curl_easy_getinfo(h, CURLINFO_OS_ERRNO, &os_errno);
  curl_multi_remove_handle(multi.get(), h);

  std::string why = error_buffer[0] ? error_buffer : curl_easy_strerror(code);
  switch (code) {
    case CURLE_OK:
      return {TcpProbeResult::connected, ""};
    case CURLE_COULDNT_RESOLVE_HOST:
      return {TcpProbeResult::unresolved, why};
    case CURLE_COULDNT_CONNECT:
      // Also "network unreachable" and the like; only a refusal is a refusal.
      if (os_errno == ECONNREFUSED) return {TcpProbeResult::refused, errno_text(ECONNREFUSED)};
      return {TcpProbeResult::failed, os_errno != 0 ? errno_text(static_cast<int>(os_errno)) : why};
    case CURLE_OPERATION_TIMEDOUT:
      // The resolver gave no answer in time: the name did not resolve (as far as we can wait).
      if (why.starts_with("Resolving timed out")) return {TcpProbeResult::unresolved, why};
      return {TcpProbeResult::timed_out, "no answer within " + std::to_string(timeout_ms) + " ms"};
    default:
      return {TcpProbeResult::failed, why};
  }
}

}  // namespace userpkg
