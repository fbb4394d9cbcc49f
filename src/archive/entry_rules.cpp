#include "archive/entry_rules.hpp"

namespace userpkg::archive {

NormalizedName normalize_entry_name(std::string_view name) {
  if (!name.empty() && name.front() == '/') return {std::nullopt, "it is an absolute path"};
  std::string out;
  std::size_t pos = 0;
  while (pos <= name.size()) {
    std::size_t end = name.find('/', pos);
    if (end == std::string_view::npos) end = name.size();
    std::string_view part = name.substr(pos, end - pos);
    if (part == "..") return {std::nullopt, "it has a \"..\" path component"};
    if (!part.empty() && part != ".") {
      if (!out.empty()) out += '/';
      out += part;
    }
    pos = end + 1;
  }
  return {std::move(out), {}};
}

std::optional<std::string> name_too_long(std::string_view name) {
  constexpr std::size_t kNameMax = 255, kPathMax = 4096;
  if (name.size() >= kPathMax)
    return "its name is too long: " + std::to_string(name.size()) + " bytes, file systems allow at most " +
           std::to_string(kPathMax - 1) + " for a whole path";
  for (std::size_t pos = 0; pos <= name.size();) {
    std::size_t end = name.find('/', pos);
    if (end == std::string_view::npos) end = name.size();
    if (end - pos > kNameMax)
      return "its name is too long: one component has " + std::to_string(end - pos) +
             " bytes, file systems allow at most " + std::to_string(kNameMax);
    pos = end + 1;
  }
  return std::nullopt;
}

std::string abbreviated(std::string_view name) {
  constexpr std::size_t kShown = 60;
  if (name.size() <= kShown + 20) return std::string(name);
  return std::string(name.substr(0, kShown)) + "... (" + std::to_string(name.size()) + " bytes)";
}

std::optional<std::string> EntryRules::symlink_parent(const std::string& name) const {
  for (std::size_t slash = name.find('/'); slash != std::string::npos; slash = name.find('/', slash + 1)) {
    std::string_view parent(name.data(), slash);
    if (auto it = symlinks_.find(parent); it != symlinks_.end()) return *it;
  }
  return std::nullopt;
}

EntryRules::Verdict EntryRules::check(const EntryInfo& entry) {
  Verdict verdict;
  if (auto why = refusal(entry, &verdict)) verdict.refusal = std::move(why);
  return verdict;
}

std::optional<std::string> EntryRules::refusal(const EntryInfo& entry, Verdict* verdict) {
  NormalizedName n = normalize_entry_name(entry.name);
  if (!n.name) return n.refusal;
  const std::string& name = *n.name;

  if (name.empty() && entry.kind != EntryKind::directory)
    return std::string("it names the destination directory itself but is not a directory");
  if (auto link = symlink_parent(name))
    return "it would be written through the symlink \"" + *link + "\" extracted before it";

  switch (entry.kind) {
    case EntryKind::other:
      return "it is a " + entry.kind_text + "; only files, directories and links are extracted";
    case EntryKind::hardlink: {
      NormalizedName target = normalize_entry_name(entry.link_target);
      if (!target.name || target.name->empty())
        return "it is a hard link to \"" + entry.link_target + "\", outside the destination";
      if (!linkable_.count(*target.name))
        return "it is a hard link to \"" + entry.link_target + "\", which is not a file extracted before it";
      linkable_.insert(name);
      // link(2) does not follow symlinks: a hard link to a symlink is one more symlink.
      if (symlinks_.count(*target.name)) symlinks_.insert(name);
      verdict->hardlink_target = *target.name;
      break;
    }
    case EntryKind::symlink:
      symlinks_.insert(name);
      linkable_.insert(name);
      break;
    case EntryKind::file:
      linkable_.insert(name);
      break;
    case EntryKind::directory:
      break;
  }
  verdict->name = name;
  return std::nullopt;
}

}  // namespace userpkg::archive
