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

std::optional<std::filesystem::path> DownloadCache::verified(const SourceFile& f) const { return look_up(f).path; }

DownloadCache::Lookup DownloadCache::look_up(const SourceFile& f) const {
  validate(f);
  auto path = final_path(f);
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) return {};
  const std::string actual = sha256_file(path);
  if (actual == f.sha256) return {path, {}};
  std::filesystem::remove(path, ec);  // corrupt (e.g. edited by hand, a bad disk): download again
  return {std::nullopt, "the cached copy " + path.string() + " was corrupt (its sha256 is " + actual + ", expected " +
                            f.sha256 + ") and " + (ec ? "could not be removed: " + ec.message() : "was removed")};
}

}  // namespace userpkg
