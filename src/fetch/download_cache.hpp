#pragma once
// The download cache: <cache_dir>/<sha256>/<file_name>, partial downloads beside it as .part.
// Keyed by content hash, so the same file is never downloaded twice whatever its URL.
#include <filesystem>
#include <optional>
#include <string>

#include "core/recipe.hpp"

namespace userpkg {

class DownloadCache {
 public:
  explicit DownloadCache(std::filesystem::path dir) : dir_(std::move(dir)) {}

  std::filesystem::path final_path(const SourceFile& f) const;  // after validate()
  std::filesystem::path part_path(const SourceFile& f) const;

  // The cached file if present and its hash matches; a corrupt entry is removed.
  std::optional<std::filesystem::path> verified(const SourceFile& f) const;

  // What a lookup found: the verified file, or, when a cached copy did not match its sha256 and
  // was removed, what was wrong with it (so the caller can say so instead of "not found").
  struct Lookup {
    std::optional<std::filesystem::path> path;
    std::string removed;  // "<path>: sha256 mismatch (…); the corrupt copy was removed"; empty: none
  };
  Lookup look_up(const SourceFile& f) const;

  // Throws Error unless f has a well-formed sha256 and a plain file name (no '/', not "..").
  static void validate(const SourceFile& f);

 private:
  std::filesystem::path dir_;
};

}  // namespace userpkg
