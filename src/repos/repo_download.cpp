#include "repos/repo_download.hpp"

#include "fetch/single_download.hpp"
#include "util/error.hpp"

namespace userpkg {

std::string download_repo_archive(const std::string& url, const std::filesystem::path& dest,
                                  const FetchSettings& settings, Reporter& reporter) {
  if (settings.offline)
    throw Error("cannot download " + url + " while offline", "--offline (or offline = true) forbids the network",
                "run `userpkg repo update` on a machine with network access, or use a local directory as the source");
  TransferOutcome outcome = download_single(url, dest, settings, reporter);
  if (outcome.result != TransferResult::ok)
    throw Error("cannot download " + url, outcome.why,
                outcome.hint.empty() ? "check the URL (`userpkg repo list` shows it) and your network" : outcome.hint);
  return outcome.sha256;
}

}  // namespace userpkg
