#pragma once
// The libcurl settings every userpkg request shares: redirects followed (at most 10) but only to
// http(s) — never file://, scp:// or the like a server could redirect to — no signals, errors
// into `error_buffer` (CURL_ERROR_SIZE bytes). Takes the easy handle as void* (CURL is a typedef
// of void) so this header needs no curl.h.
#include <string>

#include "fetch/ca_bundle.hpp"

namespace userpkg {

void apply_curl_defaults(void* easy, char* error_buffer);

// The trust anchors, for the server and for an https proxy: exactly the chosen bundle (file or
// directory) and never a CA file or directory compiled into libcurl. Throws ca.error() when `url`
// or `proxy_url` ("" for none) is https and no bundle was found. With none found, a redirect from
// http to https fails verification (no anchors at all) rather than trusting a built-in default.
void apply_ca_bundle(void* easy, const CaBundleChoice& ca, const std::string& url, const std::string& proxy_url);

}  // namespace userpkg
