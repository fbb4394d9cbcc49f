#include "authoring/checksum.hpp"

#include "authoring/download.hpp"
#include "authoring/version_guess.hpp"
#include "core/recipe_loader.hpp"
#include "core/version.hpp"
#include "util/error.hpp"
#include "wheel/url.hpp"

namespace userpkg {

std::string versions_line(const std::string& version, const std::string& sha256) {
  return "\"" + version + "\" = { sha256 = \"" + sha256 + "\" }";
}

std::string checksum_url(const Recipe& recipe, const std::string& version, const std::string& url_override) {
  if (!Version::try_parse(version))
    throw Error("'" + version + "' is not a version", "versions look like 1.2.3 or 3.12.0rc1",
                "give the version as the recipe's [versions] table would write it");
  if (!url_override.empty()) return expand_version(url_override, version);
  if (recipe.url_template.empty())
    throw Error("recipe " + recipe.name + " has no [source] url to download version " + version + " from",
                "its versions carry no files of their own (" + recipe.build.system + ")",
                "give the file's URL with --url");
  return expand_version(recipe.url_template, version);
}

std::vector<VersionChecksum> checksum_versions(const Recipe& recipe, const std::vector<std::string>& versions,
                                               const std::string& url_override, const std::filesystem::path& scratch,
                                               const FetchSettings& settings, Reporter& reporter) {
  std::vector<std::string> urls;  // all checked before anything is downloaded
  for (const auto& v : versions) urls.push_back(checksum_url(recipe, v, url_override));
  std::vector<VersionChecksum> out;
  for (std::size_t i = 0; i < versions.size(); ++i) {
    // The mirror layout keys files by the recipe's file name template when it has one.
    std::string file_name = url_override.empty() && !recipe.file_template.empty()
                                ? expand_version(recipe.file_template, versions[i])
                                : url_file_name(urls[i]);
    DownloadedFile got = download_unverified(recipe.name, urls[i], file_name, scratch, settings, reporter);
    out.push_back({versions[i], urls[i], got.origin, got.sha256});
  }
  return out;
}

}  // namespace userpkg
