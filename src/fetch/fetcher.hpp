#pragma once
// Gets verified source files: cache first, then mirrors, then upstream, several at once over one
// libcurl multi handle. Nothing is returned before its sha256 matched.
#include <filesystem>
#include <optional>
#include <vector>

#include "fetch/download_cache.hpp"
#include "fetch/fetch_item.hpp"
#include "fetch/fetch_settings.hpp"
#include "fetch/transfer.hpp"
#include "util/environment.hpp"
#include "util/reporter.hpp"

namespace userpkg {

class Fetcher {
 public:
  Fetcher(FetchSettings settings, Reporter& reporter);

  // One FetchedFile per item, in order. If any item fails, the others still finish, then one Error
  // lists every failed item with each source tried and why.
  std::vector<FetchedFile> fetch_all(const std::vector<FetchItem>& items);

  // The cached path of a file if present and verified (no network).
  std::optional<std::filesystem::path> cached(const SourceFile& f) const;

 private:
  FetchSettings settings_;
  Reporter& reporter_;
  DownloadCache cache_;
  Environment environment_;  // read once: proxy variables
  CaBundleChoice ca_;

  TransferOptions options_for(const std::string& url) const;
};

}  // namespace userpkg
