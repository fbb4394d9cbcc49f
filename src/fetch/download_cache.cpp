#include "fetch/download_cache.hpp"

#include "fetch/sha256.hpp"
#include "util/error.hpp"

namespace userpkg {

void DownloadCache::validate(const SourceFile& f) {
  if (!is_sha256_hex(f.sha256))
    throw Error("invalid sha256 for " + f.file_name, "'" + f.sha256 + "' is not 64 lowercase hex digits",
                "fix the recipe's sha256");
  if (f.file_name.empty() || f.file_name == "." || f.file_name == ".." || f.file_name.find('/') != std::string::npos)
    throw Error("invalid file name '" + f.file_name + "'", "a source file name must be a plain name without '/'",
                "fix the recipe");
}

std::filesystem::path DownloadCache::final_path(const SourceFile& f) const { return dir_ / f.sha256 / f.file_name; }

std::filesystem::path DownloadCache::part_path(const SourceFile& f) const {
  return dir_ / f.sha256 / (f.file_name + ".part");
}

std::optional<std::filesystem::path> DownloadCache::verified(const SourceFile& f) const {
  validate(f);
  auto path = final_path(f);
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) return std::nullopt;
  if (sha256_file(path) == f.sha256) return path;
  std::filesystem::remove(path, ec);  // corrupt (e.g. edited by hand): download again
  return std::nullopt;
}

}  // namespace userpkg
