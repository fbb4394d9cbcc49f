#include "cuda/archive_strip.hpp"

#include "cuda/redist_entry.hpp"
#include "util/error.hpp"

namespace userpkg::cuda {
namespace {

bool is_python_marker(std::string_view name) {
  std::size_t slash = name.rfind('/');
  std::string_view last = slash == std::string_view::npos ? name : name.substr(slash + 1);
  return last == "__init__.py" || last == "__pycache__" || name.find("/__pycache__/") != std::string_view::npos;
}

}  // namespace

std::string strip_problem(std::string_view strip) {
  if (strip.size() > 1 && strip.back() == '/') strip.remove_suffix(1);
  return relative_path_problem(strip);
}

std::string strip_parent(std::string_view strip) {
  if (!strip.empty() && strip.back() == '/') strip.remove_suffix(1);
  std::size_t slash = strip.rfind('/');
  return slash == std::string_view::npos ? std::string() : std::string(strip.substr(0, slash));
}

ArchiveListing select_subtree(const ArchiveListing& listing, std::string_view strip) {
  if (!strip.empty() && strip.back() == '/') strip.remove_suffix(1);
  const std::string parent = strip_parent(strip);
  const std::size_t cut = parent.empty() ? 0 : parent.size() + 1;
  const std::string prefix = std::string(strip) + "/";
  ArchiveListing out{listing.component, listing.archive_name, {}};
  bool found = false;
  for (const archive::EntryInfo& entry : listing.entries) {
    std::string name = entry.name;
    if (!name.empty() && name.back() == '/') name.pop_back();  // libarchive writes "dir/" for folders
    if (name == strip) {
      if (entry.kind != archive::EntryKind::directory)
        throw Error(listing.archive_name + ": \"" + std::string(strip) + "\" is not a folder",
                    "[redist] strip names the folder whose contents become the installed tree",
                    "Correct strip in the recipe to the folder that holds include/ and lib/.");
      found = true;
    } else if (!name.starts_with(prefix) || is_python_marker(name)) {
      continue;
    }
    archive::EntryInfo kept = entry;
    kept.name = name.substr(cut);
    out.entries.push_back(std::move(kept));
  }
  if (!found)
    throw Error(listing.archive_name + " has no folder \"" + std::string(strip) + "\"",
                "[redist] strip names the folder whose contents become the installed tree",
                "Check the archive's layout (unzip -l for a wheel) and correct strip in the recipe.");
  return out;
}

}  // namespace userpkg::cuda
