#pragma once
// What every download shares, whoever drives it (the Fetcher, or one unverified file): libcurl
// initialised once, and one transfer's options from the fetch settings (user agent, CA bundle,
// proxy for that URL, timeouts).
#include <string>

#include "fetch/fetch_settings.hpp"
#include "fetch/transfer.hpp"
#include "util/environment.hpp"

namespace userpkg {

void init_curl_once();

TransferOptions transfer_options(const std::string& url, const FetchSettings& settings, const CaBundleChoice& ca,
                                 const Environment& env);

}  // namespace userpkg
