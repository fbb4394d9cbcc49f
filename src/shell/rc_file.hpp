#pragma once
// Reading and rewriting a user's startup file (~/.bashrc and friends) without ever losing it:
// symlinks are followed to the real file (dotfile managers keep them in a repo), writes are atomic
// (temp file in the same directory, fsync, rename) and keep the file's mode, and the old content is
// first copied to a timestamped backup under <prefix>/var/backups/.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace userpkg {

// The file a write to `path` must replace: `path` itself, or the end of its symlink chain
// (relative link targets resolved against the link's directory). Throws Error on a loop.
std::filesystem::path resolve_rc_target(const std::filesystem::path& path);

// The file's bytes exactly as stored; nullopt if it does not exist. Throws Error if it is a
// directory or another non-regular file.
std::optional<std::string> read_rc(const std::filesystem::path& path);

// Throws Error unless the rc file at `path` can be rewritten: a regular file (or none) whose owner
// write bit is set and that access(2) allows, in an existing writable directory. A read-only file
// is the user saying "do not touch"; a missing directory is a typo or a dangling link, never made.
void require_writable_rc(const std::filesystem::path& path);

struct RcBackup {
  std::filesystem::path backup;    // <backups>/<file name>.<timestamp>[.N]
  std::filesystem::path original;  // the rc file it was taken from (the symlink target)
  std::string taken;               // ISO 8601 UTC
};

// Replaces the content of the rc file at `path` (through its symlinks), after require_writable_rc.
// If the file exists, its content is first saved to `backups_dir` (created if needed). Returns the
// backup, if one was made.
std::optional<RcBackup> write_rc(const std::filesystem::path& path, const std::string& content,
                                 const std::filesystem::path& backups_dir);

// Removes the rc file at `path` (its target), after a backup; used when the file did not exist
// before userpkg created it and removing our block leaves it as it was: absent.
std::optional<RcBackup> remove_rc(const std::filesystem::path& path, const std::filesystem::path& backups_dir);

// Backups of rc files in `backups_dir`, newest first; each names the file it came from.
std::vector<RcBackup> list_rc_backups(const std::filesystem::path& backups_dir);

}  // namespace userpkg
