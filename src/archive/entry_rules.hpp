#pragma once
// The safety rules for archive entries, as pure values: given the entries of an archive in order,
// say which one may not be extracted and why. No I/O: extract.cpp feeds it what libarchive reads.
#include <optional>
#include <set>
#include <string>
#include <string_view>

namespace userpkg::archive {

enum class EntryKind { file, directory, symlink, hardlink, other };

struct EntryInfo {
  std::string name;         // path as stored in the archive
  EntryKind kind = EntryKind::other;
  std::string link_target;  // for symlinks and hard links
  std::string kind_text;    // for "other": "character device", "fifo", ... (used in the refusal)
};

// "./a//b/./c/" -> "a/b/c"; "." -> "". Returns nullopt (and says why) for absolute names and
// names with a ".." component, which are never safe.
struct NormalizedName {
  std::optional<std::string> name;
  std::string refusal;  // set when name is empty
};
NormalizedName normalize_entry_name(std::string_view name);

// Why a name cannot exist on a Linux file system: a component over NAME_MAX (255 bytes) or the
// whole over PATH_MAX (4096 bytes); nullopt when it can. A limit, not a safety rule.
std::optional<std::string> name_too_long(std::string_view name);
// The first 60 bytes of a long name and its length, for messages ("nnn… (300 bytes)").
std::string abbreviated(std::string_view name);

// Checks the entries of one archive, in archive order. Remembers the symlinks and the files it has
// accepted, because the danger is in sequences: a symlink "link -> /tmp" followed by "link/evil"
// writes outside the destination; a hard link is safe only to a file extracted before it.
class EntryRules {
 public:
  struct Verdict {
    std::optional<std::string> refusal;  // why the entry must not be extracted; nullopt: accepted
    std::string name;                    // cleaned relative name ("" for the archive root ".")
    std::string hardlink_target;         // cleaned relative target, for hard links
  };
  Verdict check(const EntryInfo& entry);

 private:
  std::optional<std::string> refusal(const EntryInfo& entry, Verdict* verdict);
  // Whether some proper parent of `name` is a symlink accepted earlier; returns that symlink.
  std::optional<std::string> symlink_parent(const std::string& name) const;

  std::set<std::string, std::less<>> symlinks_;
  std::set<std::string, std::less<>> linkable_;  // files and symlinks a hard link may point to
};

}  // namespace userpkg::archive
