#pragma once
// The download cache: <cache_dir>/<sha256>/<file_name>, partial downloads beside it as .part.
// Keyed by content hash, so the same file is never downloaded twice whatever its URL.
#include <filesystem>
#include <optional>

#include "core/recipe.hpp"

namespace userpkg {

class DownloadCache {
 public:
  explicit DownloadCache(std::filesystem::path dir) : dir_(std::move(dir)) {}

  std::filesystem::path final_path(const SourceFile& f) const;  // after validate()
  std::filesystem::path part_path(const SourceFile& f) const;

  // The cached file if present and its hash matches; a corrupt entry is removed.
  std::optional<std::filesystem::path> verified(const SourceFile& f) const;

  // Throws Error unless f has a well-formed sha256 and a plain file name (no '/', not "..").
  static void validate(const SourceFile& f);

 private:
  std::filesystem::path dir_;
};

}  // namespace userpkg
