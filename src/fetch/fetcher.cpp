#include "fetch/fetcher.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <chrono>
#include <memory>
#include <mutex>
#include <thread>

#include "fetch/sha256.hpp"
#include "fetch/source_order.hpp"
#include "fetch/stall_watch.hpp"
#include "fetch/transfer_setup.hpp"
#include "util/error.hpp"
#include "util/fs.hpp"
#include "util/strings.hpp"

namespace userpkg {
namespace {

using Clock = std::chrono::steady_clock;
constexpr auto kProgressInterval = std::chrono::milliseconds(100);
constexpr auto kPollInterval = std::chrono::milliseconds(100);

const char* kOfflineHint =
    "run `userpkg fetch` on a machine with internet access and copy the files over, or add `--mirror DIR`";

// The progress of one item through its sources.
struct Job {
  const FetchItem* item = nullptr;
  std::vector<Source> sources;
  std::size_t next = 0;               // the source being tried
  std::vector<std::string> attempts;  // "<source>: <why>", for the final error
  std::vector<std::string> hints;
  std::optional<FetchedFile> result;
  bool failed = false;
  bool queued = false;  // sources[next] is remote and waits for a transfer slot
  int tries = 0;        // transient failures on sources[next]
  bool restarted = false;
  Clock::time_point not_before{};
  std::unique_ptr<Transfer> transfer;
  std::optional<StallWatch> stall;  // while `transfer` runs

  const SourceFile& file() const { return item->candidates[sources[next].candidate]; }
};

std::string mismatch_text(const std::string& expected, const std::string& actual) {
  return "sha256 mismatch: expected " + expected + ", got " + actual;
}

class MultiLoop {
 public:
  MultiLoop(const FetchSettings& settings, Reporter& reporter, const DownloadCache& cache,
            std::function<TransferOptions(const std::string&)> options_for)
      : settings_(settings), reporter_(reporter), cache_(cache), options_for_(std::move(options_for)),
        multi_(curl_multi_init(), curl_multi_cleanup) {
    if (!multi_) throw Error("internal error: cannot create a curl multi handle");
  }

  void run(std::vector<Job>& jobs) {
    for (auto& job : jobs)
      if (!job.result) advance(job);
    auto last_report = Clock::now() - kProgressInterval;
    bool reported = false;
    while (true) {
      start_queued(jobs);
      std::size_t active = count_active(jobs);
      if (active == 0) {
        auto wake = earliest_queued(jobs);
        if (!wake) break;
        std::this_thread::sleep_for(std::min<Clock::duration>(*wake - Clock::now(), kPollInterval));
        continue;
      }
      int running = 0;
      curl_multi_perform(multi_.get(), &running);
      collect_finished(jobs);
      watch_stalls(jobs);
      if (Clock::now() - last_report >= kProgressInterval) {
        report_progress(jobs);
        last_report = Clock::now();
        reported = true;
      }
      if (count_active(jobs) > 0)
        curl_multi_poll(multi_.get(), nullptr, 0, static_cast<int>(kPollInterval.count()), nullptr);
    }
    if (reported) reporter_.transfers({});
  }

 private:
  // Moves a job on to its next usable source: local files are checked here and now, a remote
  // source is queued for a transfer slot; with none left the job has failed.
  void advance(Job& job) {
    job.queued = false;
    for (; job.next < job.sources.size(); ++job.next) {
      const Source& source = job.sources[job.next];
      if (!source.local) {
        job.queued = true;
        job.tries = 0;
        job.restarted = false;
        job.not_before = Clock::now();
        return;
      }
      if (use_local(job, source)) return;
    }
    job.failed = true;
  }

  bool use_local(Job& job, const Source& source) {
    const SourceFile& f = job.file();
    std::error_code ec;
    if (!std::filesystem::is_regular_file(source.path, ec)) {
      reporter_.detail(source.path.string() + ": not in this mirror");
      job.attempts.push_back(source.path.string() + ": not found");
      return false;
    }
    std::string actual;
    try {
      actual = sha256_file(source.path);
    } catch (const Error& e) {
      job.attempts.push_back(source.path.string() + ": " + e.what() + " (" + e.why() + ")");
      return false;
    }
    if (actual != f.sha256) {
      // Never delete from a user's mirror directory; just do not use it.
      reporter_.warn(source.path.string() + ": " + mismatch_text(f.sha256, actual) + "; skipping it");
      job.attempts.push_back(source.path.string() + ": " + mismatch_text(f.sha256, actual));
      return false;
    }
    job.result = FetchedFile{source.path, f, source.path.string(), false};
    return true;
  }

  void next_source(Job& job, std::string why) {
    job.attempts.push_back(job.sources[job.next].label() + ": " + why);
    ++job.next;
    advance(job);
  }

  static std::size_t count_active(const std::vector<Job>& jobs) {
    return static_cast<std::size_t>(std::count_if(jobs.begin(), jobs.end(), [](const Job& j) { return j.transfer != nullptr; }));
  }

  static std::optional<Clock::time_point> earliest_queued(const std::vector<Job>& jobs) {
    std::optional<Clock::time_point> earliest;
    for (const auto& job : jobs)
      if (job.queued && !job.transfer && (!earliest || job.not_before < *earliest)) earliest = job.not_before;
    return earliest;
  }

  // Two items can name the same file; they must not write one .part at once.
  static bool part_busy(const std::vector<Job>& jobs, const std::filesystem::path& part) {
    return std::any_of(jobs.begin(), jobs.end(), [&](const Job& j) { return j.transfer && j.transfer->part_path() == part; });
  }

  void start_queued(std::vector<Job>& jobs) {
    std::size_t limit = static_cast<std::size_t>(std::max(1, settings_.parallel));
    auto now = Clock::now();
    for (auto& job : jobs) {
      if (count_active(jobs) >= limit) return;
      if (!job.queued || job.transfer || job.not_before > now) continue;
      const SourceFile& f = job.file();
      auto part = cache_.part_path(f);
      if (part_busy(jobs, part)) continue;
      const std::string& url = job.sources[job.next].url;
      try {
        ensure_dir(part.parent_path());
        job.transfer = std::make_unique<Transfer>(url, part, f.file_name, options_for_(url));
      } catch (const Error& e) {
        // No CA bundle for an https URL, a cache directory that cannot be written: the hint counts.
        if (!e.hint().empty() && std::find(job.hints.begin(), job.hints.end(), e.hint()) == job.hints.end())
          job.hints.push_back(e.hint());
        next_source(job, std::string(e.what()) + (e.why().empty() ? "" : ": " + e.why()));
        continue;
      }
      if (job.transfer->resumed_from() > 0)
        reporter_.detail("resuming " + url + " at byte " + std::to_string(job.transfer->resumed_from()));
      else
        reporter_.detail("downloading " + url);
      curl_multi_add_handle(multi_.get(), job.transfer->easy());
      job.stall.emplace(settings_.low_speed_time, Clock::now());
    }
  }

  void watch_stalls(std::vector<Job>& jobs) {
    const auto now = Clock::now();
    for (auto& job : jobs)
      if (job.transfer && job.stall)
        if (auto line = job.stall->update(job.transfer->url(), job.file().file_name, job.transfer->progress().done, now))
          reporter_.info(*line);
  }

  void collect_finished(std::vector<Job>& jobs) {
    int left = 0;
    while (CURLMsg* msg = curl_multi_info_read(multi_.get(), &left)) {
      if (msg->msg != CURLMSG_DONE) continue;
      CURL* easy = msg->easy_handle;
      CURLcode code = msg->data.result;
      curl_multi_remove_handle(multi_.get(), easy);
      for (auto& job : jobs)
        if (job.transfer && job.transfer->easy() == easy) {
          finished(job, code);
          break;
        }
    }
  }

  void finished(Job& job, CURLcode code) {
    std::unique_ptr<Transfer> transfer = std::move(job.transfer);
    TransferOutcome outcome = transfer->finish(code);
    const std::string& url = transfer->url();
    const SourceFile& f = job.file();
    if (transfer->range_ignored()) reporter_.detail(url + ": the server ignored the Range request; downloaded it whole");
    if (!outcome.hint.empty() && std::find(job.hints.begin(), job.hints.end(), outcome.hint) == job.hints.end())
      job.hints.push_back(outcome.hint);
    std::error_code ec;
    // An empty .part holds nothing to resume; don't leave it behind.
    if (outcome.result != TransferResult::ok && std::filesystem::file_size(transfer->part_path(), ec) == 0 && !ec)
      std::filesystem::remove(transfer->part_path(), ec);
    switch (outcome.result) {
      case TransferResult::ok:
        if (outcome.sha256 != f.sha256) {
          std::filesystem::remove(transfer->part_path(), ec);
          reporter_.warn(url + ": " + mismatch_text(f.sha256, outcome.sha256) + "; file deleted");
          return next_source(job, mismatch_text(f.sha256, outcome.sha256));
        }
        try {
          rename_path(transfer->part_path(), cache_.final_path(f));
        } catch (const Error& e) {
          return next_source(job, std::string(e.what()) + ": " + e.why());
        }
        job.queued = false;
        job.result = FetchedFile{cache_.final_path(f), f, url, false};
        reporter_.detail("downloaded and verified " + url);
        return;
      case TransferResult::not_found:
        reporter_.detail(url + ": " + outcome.why);
        return next_source(job, outcome.why);
      case TransferResult::transient:
        if (job.tries < settings_.retries) {
          auto delay = settings_.retry_delay * (1L << std::min(job.tries, 16));
          ++job.tries;
          job.not_before = Clock::now() + delay;
          reporter_.info(url_host(url) + ": " + outcome.why + "; retrying in " + std::to_string(delay.count()) +
                         " ms (retry " + std::to_string(job.tries) + " of " + std::to_string(settings_.retries) + ")");
          return;
        }
        return next_source(job, outcome.why + " (tried " + std::to_string(job.tries + 1) + " times)");
      case TransferResult::restart:
        std::filesystem::remove(transfer->part_path(), ec);
        if (!job.restarted) {
          job.restarted = true;
          job.not_before = Clock::now();
          reporter_.detail(url + ": " + outcome.why + "; starting again from the beginning");
          return;
        }
        return next_source(job, outcome.why);
      case TransferResult::failed:
        reporter_.detail(url + ": " + outcome.why);
        return next_source(job, outcome.why);
    }
  }

  void report_progress(const std::vector<Job>& jobs) {
    std::vector<TransferProgress> active;
    for (const auto& job : jobs)
      if (job.transfer) active.push_back(job.transfer->progress());
    reporter_.transfers(active);
  }

  const FetchSettings& settings_;
  Reporter& reporter_;
  const DownloadCache& cache_;
  std::function<TransferOptions(const std::string&)> options_for_;
  std::unique_ptr<CURLM, decltype(&curl_multi_cleanup)> multi_;
};

std::string file_names(const FetchItem& item) {
  std::vector<std::string> names;
  for (const auto& c : item.candidates) names.push_back(c.file_name);
  return join(names, " or ");
}

Error failure_error(const std::vector<Job>& jobs, const FetchSettings& settings) {
  std::vector<std::string> failed_names, lines, hints;
  for (const auto& job : jobs) {
    if (!job.failed) continue;
    failed_names.push_back(file_names(*job.item));
    lines.push_back(file_names(*job.item) + " (" + job.item->recipe + "):");
    for (const auto& attempt : job.attempts) lines.push_back("  " + attempt);
    if (job.sources.empty())
      lines.push_back(settings.offline ? "  no mirror is configured, and offline mode forbids downloading"
                                       : "  no mirror is configured and the recipe has no URL");
    for (const auto& hint : job.hints)
      if (std::find(hints.begin(), hints.end(), hint) == hints.end()) hints.push_back(hint);
  }
  if (settings.offline)
    hints.push_back(kOfflineHint);
  else if (hints.empty())
    hints.push_back("check the network connection and proxy settings, or add `--mirror DIR` holding <recipe>/<file>");
  std::string what = failed_names.size() == 1
                         ? "cannot " + std::string(settings.offline ? "find " : "download ") + failed_names[0] +
                               (settings.offline ? " (offline)" : "")
                         : "cannot " + std::string(settings.offline ? "find " : "download ") +
                               std::to_string(failed_names.size()) + " files: " + join(failed_names, ", ");
  return Error(what, join(lines, "\n"), join(hints, "; "));
}

}  // namespace

Fetcher::Fetcher(FetchSettings settings, Reporter& reporter)
    : settings_(std::move(settings)),
      reporter_(reporter),
      cache_(settings_.cache_dir),
      environment_(Environment::current()),
      ca_(choose_ca_bundle(settings_.ca_file)) {
  init_curl_once();
}

TransferOptions Fetcher::options_for(const std::string& url) const {
  return transfer_options(url, settings_, ca_, environment_);
}

std::optional<std::filesystem::path> Fetcher::cached(const SourceFile& f) const { return cache_.verified(f); }

std::vector<FetchedFile> Fetcher::fetch_all(const std::vector<FetchItem>& items) {
  std::vector<Job> jobs(items.size());
  for (std::size_t i = 0; i < items.size(); ++i) {
    Job& job = jobs[i];
    job.item = &items[i];
    if (items[i].candidates.empty())
      throw Error("nothing to download for " + items[i].recipe, "the recipe lists no source file", "fix the recipe");
    for (const auto& candidate : items[i].candidates) {
      DownloadCache::validate(candidate);
      DownloadCache::Lookup found = cache_.look_up(candidate);
      if (found.path) {
        job.result = FetchedFile{*found.path, candidate, "cache", true};
        reporter_.detail(candidate.file_name + ": found in the download cache");
        break;
      }
      if (!found.removed.empty()) {
        reporter_.warn(found.removed);
        job.attempts.push_back(found.removed);
        job.hints.push_back("the download cache held a corrupt copy of " + candidate.file_name +
                            " (a disk or copy error, or an edit): it is gone now; run `userpkg fetch " +
                            items[i].recipe + "` again where the network (or a --mirror) is reachable");
      }
    }
    if (!job.result) job.sources = source_order(items[i], settings_.mirrors, settings_.offline);
  }
  MultiLoop loop(settings_, reporter_, cache_, [this](const std::string& url) { return options_for(url); });
  loop.run(jobs);

  if (std::any_of(jobs.begin(), jobs.end(), [](const Job& j) { return j.failed; }))
    throw failure_error(jobs, settings_);
  std::vector<FetchedFile> results;
  for (auto& job : jobs) results.push_back(std::move(*job.result));
  return results;
}

}  // namespace userpkg
