#pragma once
// Which proxy applies to a URL, decided from the environment the way curl does it, so that an
// error can name the proxy and the variable it came from. Pure: the environment is a parameter.
#include <optional>
#include <string>

#include "util/environment.hpp"

namespace userpkg {

struct ProxyChoice {
  std::string url;       // e.g. "http://proxy.example:3128"
  std::string variable;  // e.g. "https_proxy"
};

// http:// uses http_proxy (lower case only, as curl: HTTP_PROXY can be set by CGI clients);
// https:// uses https_proxy or HTTPS_PROXY; both fall back to all_proxy / ALL_PROXY.
// no_proxy / NO_PROXY ("*", or comma-separated host names / domain suffixes) turns it off.
std::optional<ProxyChoice> proxy_for(const std::string& url, const Environment& env);

// "through proxy http://127.0.0.1:9 (from https_proxy)"
std::string describe(const ProxyChoice& proxy);

}  // namespace userpkg
