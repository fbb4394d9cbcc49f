#include "authoring/download.hpp"

#include <curl/curl.h>

#include <memory>
#include <mutex>
#include <thread>

#include "fetch/ca_bundle.hpp"
#include "fetch/proxy.hpp"
#include "fetch/sha256.hpp"
#include "fetch/source_order.hpp"
#include "fetch/transfer.hpp"
#include "util/environment.hpp"
#include "util/error.hpp"
#include "util/fs.hpp"
#include "util/strings.hpp"

namespace userpkg {
namespace {

namespace fs = std::filesystem;

void init_curl_once() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) throw Error("internal error: cannot initialise libcurl");
  });
}

TransferOptions options_for(const std::string& url, const FetchSettings& settings, const Environment& env) {
  TransferOptions options;
  options.user_agent = "userpkg/" USERPKG_VERSION;
  options.ca = choose_ca_bundle(settings.ca_file);
  options.proxy = proxy_for(url, env);
  options.low_speed_limit = settings.low_speed_limit;
  options.low_speed_time = static_cast<long>(settings.low_speed_time.count());
  options.connect_timeout = static_cast<long>(settings.connect_timeout.count());
  return options;
}

// One transfer, driven to the end (the libcurl multi interface, as the Fetcher uses it).
TransferOutcome run_transfer(Transfer& transfer) {
  std::unique_ptr<CURLM, decltype(&curl_multi_cleanup)> multi(curl_multi_init(), curl_multi_cleanup);
  if (!multi) throw Error("internal error: cannot create a curl multi handle");
  curl_multi_add_handle(multi.get(), transfer.easy());
  CURLcode code = CURLE_OK;
  bool done = false;
  while (!done) {
    int running = 0;
    curl_multi_perform(multi.get(), &running);
    int left = 0;
    while (CURLMsg* msg = curl_multi_info_read(multi.get(), &left))
      if (msg->msg == CURLMSG_DONE) {
        code = msg->data.result;
        done = true;
      }
    if (!done) curl_multi_poll(multi.get(), nullptr, 0, 100, nullptr);
  }
  curl_multi_remove_handle(multi.get(), transfer.easy());
  return transfer.finish(code);
}

// Downloads `url` into `target`; the outcome says how it went (retries transient failures).
TransferOutcome download_to(const std::string& url, const fs::path& target, const std::string& file_name,
                            const FetchSettings& settings, const Environment& env, Reporter& reporter) {
  const fs::path part = target.string() + ".part";
  for (int tries = 0;; ++tries) {
    std::error_code ec;
    fs::remove(part, ec);  // a fresh download every time: there is no sha256 to check a resume against
    reporter.detail("downloading " + url);
    Transfer transfer(url, part, file_name, options_for(url, settings, env));
    TransferOutcome outcome = run_transfer(transfer);
    if (outcome.result == TransferResult::ok) {
      rename_path(part, target);
      return outcome;
    }
    fs::remove(part, ec);
    if ((outcome.result != TransferResult::transient && outcome.result != TransferResult::restart) ||
        tries >= settings.retries)
      return outcome;
    auto delay = settings.retry_delay * (1L << std::min(tries, 16));
    reporter.detail(url + ": " + outcome.why + "; retrying in " + std::to_string(delay.count()) + " ms");
    std::this_thread::sleep_for(delay);
  }
}

}  // namespace

DownloadedFile download_unverified(const std::string& recipe, const std::string& url, const std::string& file_name,
                                   const fs::path& dir, const FetchSettings& settings, Reporter& reporter) {
  init_curl_once();
  if (file_name.empty() || file_name == "." || file_name == ".." || file_name.find('/') != std::string::npos)
    throw Error("cannot download " + url, "its file name '" + file_name + "' is not a plain file name",
                "give a URL that ends in the file's name");
  const Environment env = Environment::current();
  FetchItem item{recipe, {SourceFile{url, file_name, ""}}};
  std::vector<std::string> attempts, hints;
  for (const Source& source : source_order(item, settings.mirrors, settings.offline)) {
    if (source.local) {
      std::error_code ec;
      if (!fs::is_regular_file(source.path, ec)) {
        attempts.push_back(source.path.string() + ": not found");
        continue;
      }
      reporter.detail("using " + source.path.string());
      return DownloadedFile{source.path, sha256_file(source.path), source.path.string()};
    }
    const fs::path target = dir / file_name;
    TransferOutcome outcome = download_to(source.url, target, file_name, settings, env, reporter);
    if (outcome.result == TransferResult::ok) return DownloadedFile{target, outcome.sha256, source.url};
    attempts.push_back(source.url + ": " + outcome.why);
    if (!outcome.hint.empty()) hints.push_back(outcome.hint);
  }
  if (attempts.empty())
    attempts.push_back(settings.offline ? "offline, and no mirror is configured" : "no place to download it from");
  if (hints.empty())
    hints.push_back(settings.offline ? "put the file in a mirror as <mirror>/" + recipe + "/" + file_name +
                                           ", or run without --offline"
                                     : "check the version and the URL (open it in a browser), and the network and "
                                       "proxy settings");
  throw Error("cannot download " + url, join(attempts, "\n"), join(hints, "; "));
}

}  // namespace userpkg
