#pragma once
// `userpkg checksum NAME VERSION…`: downloads new versions of a recipe and works out the lines to
// add to its [versions] table (like `spack checksum`). No printing: the CLI shows the result.
#include <filesystem>
#include <string>
#include <vector>

#include "core/recipe.hpp"
#include "fetch/fetch_settings.hpp"
#include "util/reporter.hpp"

namespace userpkg {

struct VersionChecksum {
  std::string version;
  std::string url;     // what was downloaded (before any mirror)
  std::string origin;  // where it actually came from (the URL or a mirror)
  std::string sha256;
};

// The line for a recipe's [versions] table, as the recipes write it:
//   "1.4.19" = { sha256 = "3be4…" }
std::string versions_line(const std::string& version, const std::string& sha256);

// The URL of `version`: `url_override` if given ({version} in it is filled in too), else the
// recipe's [source] url template. Throws Error when the version is no version or there is no URL.
std::string checksum_url(const Recipe& recipe, const std::string& version, const std::string& url_override);

// Downloads each version into `scratch` (a directory the caller removes) and hashes it. Throws
// the download's Error (naming the URL) at the first version that cannot be had.
std::vector<VersionChecksum> checksum_versions(const Recipe& recipe, const std::vector<std::string>& versions,
                                               const std::string& url_override, const std::filesystem::path& scratch,
                                               const FetchSettings& settings, Reporter& reporter);

}  // namespace userpkg
