#pragma once
// What the Fetcher is asked for, and what it hands back.
#include <filesystem>
#include <string>
#include <vector>

#include "core/recipe.hpp"

namespace userpkg {

struct FetchItem {
  std::string recipe;                  // mirror lookup: <mirror>/<recipe>/<file_name>
  std::vector<SourceFile> candidates;  // the same release in different formats; any one verified file
                                       // will do, the first preferred
};

struct FetchedFile {
  std::filesystem::path path;  // verified; in the cache, or in place in a local mirror
  SourceFile file;             // the candidate that was found
  std::string origin;          // URL or local path it came from, or "cache"
  bool from_cache = false;
};

}  // namespace userpkg
