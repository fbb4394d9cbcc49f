#include "fetch/curl_defaults.hpp"

#include <curl/curl.h>

namespace userpkg {

void apply_curl_defaults(void* easy, char* error_buffer) {
  CURL* h = easy;
  curl_easy_setopt(h, CURLOPT_ERRORBUFFER, error_buffer);
  curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 1L);
  curl_easy_setopt(h, CURLOPT_MAXREDIRS, 10L);
  curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(h, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
}

void apply_ca_bundle(void* easy, const CaBundleChoice& ca, const std::string& url, const std::string& proxy_url) {
  if (!ca.found() && needs_ca_bundle(url, proxy_url)) throw ca.error();
  CURL* h = easy;
  // TLS verification stays on (libcurl's default); only the trust anchors are chosen here. NULL
  // switches off libcurl's built-in default for the one not chosen.
  const char* file = ca.file.empty() ? nullptr : ca.file.c_str();
  const char* dir = ca.dir.empty() ? nullptr : ca.dir.c_str();
  curl_easy_setopt(h, CURLOPT_CAINFO, file);
  curl_easy_setopt(h, CURLOPT_CAPATH, dir);
  curl_easy_setopt(h, CURLOPT_PROXY_CAINFO, file);
  curl_easy_setopt(h, CURLOPT_PROXY_CAPATH, dir);
}

}  // namespace userpkg
