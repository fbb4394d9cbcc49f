#include "fetch/transfer_setup.hpp"

#include <curl/curl.h>

#include <mutex>

#include "fetch/proxy.hpp"
#include "util/error.hpp"

namespace userpkg {

void init_curl_once() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) throw Error("internal error: cannot initialise libcurl");
  });
}

TransferOptions transfer_options(const std::string& url, const FetchSettings& settings, const CaBundleChoice& ca,
                                 const Environment& env) {
  TransferOptions options;
  options.user_agent = "userpkg/" USERPKG_VERSION;
  options.ca = ca;
  options.proxy = proxy_for(url, env);
  options.low_speed_limit = settings.low_speed_limit;
  options.low_speed_time = static_cast<long>(settings.low_speed_time.count());
  options.connect_timeout = static_cast<long>(settings.connect_timeout.count());
  return options;
}

}  // namespace userpkg
