#pragma once
// The places to look for one item, best first: candidate 1 on every mirror, candidate 2 on every
// mirror, …, then upstream in candidate order (not when offline). The cache is checked before all
// of these by the Fetcher. Pure: no I/O.
#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

#include "fetch/fetch_item.hpp"

namespace userpkg {

struct Source {
  std::size_t candidate = 0;    // index into FetchItem::candidates
  bool local = false;           // verify `path` in place
  std::filesystem::path path;
  std::string url;              // download this into the cache
  std::string label() const { return local ? path.string() : url; }
};

std::vector<Source> source_order(const FetchItem& item, const std::vector<std::string>& mirrors, bool offline);

}  // namespace userpkg
