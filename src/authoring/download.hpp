#pragma once
// Downloading a file whose sha256 is not known yet (working it out is the point): the checksum
// and recipe-new commands. Same sources and settings as the Fetcher: mirrors first
// (<mirror>/<recipe>/<file_name>), then the URL unless offline; the configured proxy and CA bundle.
#include <filesystem>
#include <string>

#include "fetch/fetch_settings.hpp"
#include "util/reporter.hpp"

namespace userpkg {

struct DownloadedFile {
  std::filesystem::path path;  // dir/<file_name>, or the file in place in a local mirror
  std::string sha256;          // lowercase hex, of exactly that file
  std::string origin;          // the URL or mirror path it came from
};

// Throws Error naming the URL (and every place tried) when no source has the file.
DownloadedFile download_unverified(const std::string& recipe, const std::string& url, const std::string& file_name,
                                   const std::filesystem::path& dir, const FetchSettings& settings, Reporter& reporter);

}  // namespace userpkg
