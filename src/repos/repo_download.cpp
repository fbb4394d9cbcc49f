#include "repos/repo_download.hpp"

#include <curl/curl.h>

#include <memory>
#include <mutex>
#include <thread>

#include "fetch/ca_bundle.hpp"
#include "fetch/proxy.hpp"
#include "fetch/transfer.hpp"
#include "util/environment.hpp"
#include "util/error.hpp"
#include "util/fs.hpp"

namespace userpkg {
namespace {

void init_curl_once() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) throw Error("internal error: cannot initialise libcurl");
  });
}

TransferOptions options_for(const std::string& url, const FetchSettings& settings) {
  TransferOptions options;
  options.user_agent = "userpkg/" USERPKG_VERSION;
  options.ca = choose_ca_bundle(settings.ca_file);
  options.proxy = proxy_for(url, Environment::current());
  options.low_speed_limit = settings.low_speed_limit;
  options.low_speed_time = static_cast<long>(settings.low_speed_time.count());
  options.connect_timeout = static_cast<long>(settings.connect_timeout.count());
  return options;
}

// Runs one transfer to its end on a private multi handle.
TransferOutcome run_transfer(Transfer& transfer, Reporter& reporter) {
  std::unique_ptr<CURLM, decltype(&curl_multi_cleanup)> multi(curl_multi_init(), curl_multi_cleanup);
  if (!multi) throw Error("internal error: cannot create a curl multi handle");
  curl_multi_add_handle(multi.get(), transfer.easy());
  CURLcode code = CURLE_OK;
  for (int running = 1; running > 0;) {
    curl_multi_perform(multi.get(), &running);
    reporter.transfers({transfer.progress()});
    if (running > 0) curl_multi_poll(multi.get(), nullptr, 0, 100, nullptr);
  }
  int left = 0;
  while (CURLMsg* msg = curl_multi_info_read(multi.get(), &left))
    if (msg->msg == CURLMSG_DONE) code = msg->data.result;
  curl_multi_remove_handle(multi.get(), transfer.easy());
  reporter.transfers({});
  return transfer.finish(code);
}

}  // namespace

std::string download_repo_archive(const std::string& url, const std::filesystem::path& dest,
                                  const FetchSettings& settings, Reporter& reporter) {
  if (settings.offline)
    throw Error("cannot download " + url + " while offline", "--offline (or offline = true) forbids the network",
                "run `userpkg repo update` on a machine with network access, or use a local directory as the source");
  init_curl_once();
  const std::filesystem::path part = dest.string() + ".part";
  auto delay = settings.retry_delay;
  for (int attempt = 0;; ++attempt) {
    remove_tree(part);  // no resuming: a repo tarball is small, and its content is not known
    TransferOutcome outcome;
    {
      Transfer transfer(url, part, dest.filename().string(), options_for(url, settings));
      outcome = run_transfer(transfer, reporter);
    }
    if (outcome.result == TransferResult::ok) {
      rename_path(part, dest);
      return outcome.sha256;
    }
    bool again = (outcome.result == TransferResult::transient || outcome.result == TransferResult::restart) &&
                 attempt < settings.retries;
    if (!again) {
      remove_tree(part);
      throw Error("cannot download " + url, outcome.why,
                  outcome.hint.empty() ? "check the URL (`userpkg repo list` shows it) and your network" : outcome.hint);
    }
    reporter.detail(url + ": " + outcome.why + "; trying again");
    std::this_thread::sleep_for(delay);
    delay *= 2;
  }
}

}  // namespace userpkg
