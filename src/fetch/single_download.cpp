#include "fetch/single_download.hpp"

#include <curl/curl.h>

#include <memory>
#include <thread>

#include "fetch/ca_bundle.hpp"
#include "fetch/stall_watch.hpp"
#include "fetch/transfer_setup.hpp"
#include "util/environment.hpp"
#include "util/error.hpp"
#include "util/fs.hpp"

namespace userpkg {
namespace {

// Runs one transfer to its end on a private multi handle (as the Fetcher drives its transfers).
TransferOutcome run_transfer(Transfer& transfer, const FetchSettings& settings, Reporter& reporter) {
  std::unique_ptr<CURLM, decltype(&curl_multi_cleanup)> multi(curl_multi_init(), curl_multi_cleanup);
  if (!multi) throw Error("internal error: cannot create a curl multi handle");
  curl_multi_add_handle(multi.get(), transfer.easy());
  CURLcode code = CURLE_OK;
  StallWatch stall(settings.low_speed_time, StallWatch::Clock::now());
  for (int running = 1; running > 0;) {
    curl_multi_perform(multi.get(), &running);
    const TransferProgress progress = transfer.progress();
    reporter.transfers({progress});
    if (auto line = stall.update(transfer.url(), progress.name, progress.done, StallWatch::Clock::now()))
      reporter.info(*line);
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

TransferOutcome download_single(const std::string& url, const std::filesystem::path& target,
                                const FetchSettings& settings, Reporter& reporter) {
  init_curl_once();
  const Environment env = Environment::current();
  const CaBundleChoice ca = choose_ca_bundle(settings.ca_file);
  const std::filesystem::path part = target.string() + ".part";
  auto delay = settings.retry_delay;
  for (int attempt = 0;; ++attempt) {
    std::error_code ec;
    std::filesystem::remove(part, ec);
    reporter.detail("downloading " + url);
    TransferOutcome outcome;
    {
      Transfer transfer(url, part, target.filename().string(), transfer_options(url, settings, ca, env));
      outcome = run_transfer(transfer, settings, reporter);
    }
    if (outcome.result == TransferResult::ok) {
      rename_path(part, target);
      return outcome;
    }
    std::filesystem::remove(part, ec);
    bool again = (outcome.result == TransferResult::transient || outcome.result == TransferResult::restart) &&
                 attempt < settings.retries;
    if (!again) return outcome;
    reporter.detail(url + ": " + outcome.why + "; retrying in " + std::to_string(delay.count()) + " ms");
    std::this_thread::sleep_for(delay);
    delay *= 2;
  }
}

}  // namespace userpkg
