#include "authoring/download.hpp"

#include "fetch/sha256.hpp"
#include "fetch/single_download.hpp"
#include "fetch/source_order.hpp"
#include "util/error.hpp"
#include "util/fs.hpp"
#include "util/strings.hpp"

namespace userpkg {

namespace fs = std::filesystem;

DownloadedFile download_unverified(const std::string& recipe, const std::string& url, const std::string& file_name,
                                   const fs::path& dir, const FetchSettings& settings, Reporter& reporter) {
  if (file_name.empty() || file_name == "." || file_name == ".." || file_name.find('/') != std::string::npos)
    throw Error("cannot download " + url, "its file name '" + file_name + "' is not a plain file name",
                "give a URL that ends in the file's name");
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
    TransferOutcome outcome = download_single(source.url, target, settings, reporter);
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
