#include "fetch/source_order.hpp"

#include "fetch/mirror.hpp"

namespace userpkg {

std::vector<Source> source_order(const FetchItem& item, const std::vector<std::string>& mirrors, bool offline) {
  std::vector<Source> sources;
  for (std::size_t c = 0; c < item.candidates.size(); ++c) {
    for (const auto& mirror : mirrors) {
      MirrorLocation loc = mirror_location(mirror, item.recipe, item.candidates[c].file_name);
      sources.push_back({c, loc.local, loc.path, loc.url});
    }
  }
  if (!offline) {
    for (std::size_t c = 0; c < item.candidates.size(); ++c)
      if (!item.candidates[c].url.empty()) sources.push_back({c, false, {}, item.candidates[c].url});
  }
  return sources;
}

}  // namespace userpkg
