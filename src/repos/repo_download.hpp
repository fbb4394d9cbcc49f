#pragma once
// Downloads a repo tarball whose sha256 nobody knows in advance (fetch/single_download). The hash
// it returns becomes the repo's pinned revision.
#include <filesystem>
#include <string>

#include "fetch/fetch_settings.hpp"
#include "util/reporter.hpp"

namespace userpkg {

// Writes `url` to `dest` (created; must not exist) and returns its sha256. Retries transient
// failures settings.retries times. Throws Error with curl's reason and a hint; never under
// settings.offline.
std::string download_repo_archive(const std::string& url, const std::filesystem::path& dest,
                                  const FetchSettings& settings, Reporter& reporter);

}  // namespace userpkg
