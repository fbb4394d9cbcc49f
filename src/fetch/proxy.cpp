#include "fetch/proxy.hpp"

#include <algorithm>
#include <cctype>

#include "util/strings.hpp"

namespace userpkg {
namespace {

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

// Scheme and host of a URL, lower-cased ("https", "example.org"); IPv6 brackets removed.
std::pair<std::string, std::string> scheme_and_host(const std::string& url) {
  auto sep = url.find("://");
  if (sep == std::string::npos) return {};
  std::string scheme = lower(url.substr(0, sep));
  std::string rest = url.substr(sep + 3);
  rest = rest.substr(0, rest.find_first_of("/?#"));
  if (auto at = rest.rfind('@'); at != std::string::npos) rest = rest.substr(at + 1);
  std::string host;
  if (!rest.empty() && rest[0] == '[') {
    host = rest.substr(1, rest.find(']') - 1);
  } else {
    host = rest.substr(0, rest.find(':'));
  }
  return {scheme, lower(host)};
}

std::optional<ProxyChoice> first_set(const Environment& env, std::initializer_list<const char*> names) {
  for (const char* name : names) {
    auto value = env.get(name);
    if (value && !trim(*value).empty()) return ProxyChoice{std::string(trim(*value)), name};
  }
  return std::nullopt;
}

bool host_excluded(const std::string& host, const std::string& no_proxy) {
  for (auto& raw : split(no_proxy, ',', true)) {
    std::string entry = lower(std::string(trim(raw)));
    if (entry == "*") return true;
    if (!entry.empty() && entry[0] == '.') entry.erase(0, 1);
    if (entry.empty()) continue;
    if (host == entry) return true;
    if (host.size() > entry.size() && host.ends_with(entry) && host[host.size() - entry.size() - 1] == '.')
      return true;
  }
  return false;
}

}  // namespace

std::optional<ProxyChoice> proxy_for(const std::string& url, const Environment& env) {
  auto [scheme, host] = scheme_and_host(url);
  std::optional<ProxyChoice> choice;
  if (scheme == "http")
    choice = first_set(env, {"http_proxy", "all_proxy", "ALL_PROXY"});
  else if (scheme == "https")
    choice = first_set(env, {"https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"});
  if (!choice) return std::nullopt;
  if (auto no_proxy = first_set(env, {"no_proxy", "NO_PROXY"}); no_proxy && host_excluded(host, no_proxy->url))
    return std::nullopt;
  return choice;
}

std::string describe(const ProxyChoice& proxy) {
  return "through proxy " + proxy.url + " (from " + proxy.variable + ")";
}

}  // namespace userpkg
