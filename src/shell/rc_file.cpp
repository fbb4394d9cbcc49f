#include "shell/rc_file.hpp"

#include <algorithm>
#include <cerrno>
#include <sys/stat.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include "prefix/timestamp.hpp"
#include "util/error.hpp"
#include "util/fs.hpp"
#include "util/input_limits.hpp"

namespace userpkg {

namespace {

// Each backup <name> has a sidecar <name>.json naming the original file, so --restore-rc can
// put it back where it came from.
std::string compact_timestamp(const std::string& iso) {
  std::string out;
  for (char c : iso)
    if (c != '-' && c != ':') out += c;
  return out;  // 20240501T123456Z
}

RcBackup save_backup(const fs::path& target, const std::string& content, const fs::path& backups_dir, fs::perms mode) {
  ensure_dir(backups_dir);
  RcBackup b;
  b.original = target;
  b.taken = iso8601_now();
  std::string base = target.filename().string() + "." + compact_timestamp(b.taken);
  b.backup = backups_dir / base;
  std::error_code ec;
  for (int n = 1; fs::exists(fs::symlink_status(b.backup, ec)); ++n)
    b.backup = backups_dir / (base + "." + std::to_string(n));
  write_file_atomic(b.backup, content, mode);
  nlohmann::json meta = {{"original", target.string()}, {"taken", b.taken}};
  write_file_atomic(fs::path(b.backup.string() + ".json"), meta.dump(2) + "\n");
  return b;
}

fs::perms mode_of(const fs::path& file) {
  struct stat st{};
  if (::stat(file.c_str(), &st) != 0) return fs::perms(0644);
  return fs::perms(st.st_mode & 07777);
}

}  // namespace

fs::path resolve_rc_target(const fs::path& path) {
  fs::path current = path;
  for (int hops = 0; hops < 40; ++hops) {
    std::error_code ec;
    fs::file_status st = fs::symlink_status(current, ec);
    if (ec || !fs::is_symlink(st)) return current;
    fs::path target = fs::read_symlink(current, ec);
    if (ec) throw Error("cannot read the symlink " + current.string(), ec.message());
    current = target.is_absolute() ? target : current.parent_path() / target;
  }
  throw Error("cannot follow the symlink " + path.string(), "it is part of a symlink loop",
              "point " + path.string() + " at a real file");
}

namespace {

void require_regular(const fs::path& path, const fs::path& target, fs::file_status st) {
  if (st.type() == fs::file_type::regular || st.type() == fs::file_type::not_found) return;
  throw Error("cannot use " + path.string() + " as a startup file",
              target.string() + (st.type() == fs::file_type::directory ? " is a directory" : " is not a regular file"),
              "name a file (e.g. --rc ~/.bashrc)");
}

}  // namespace

std::optional<std::string> read_rc(const fs::path& path) {
  std::error_code ec;
  fs::path target = resolve_rc_target(path);
  fs::file_status st = fs::status(target, ec);
  require_regular(path, target, st);
  if (st.type() == fs::file_type::not_found) return std::nullopt;
  return read_file(target);
}

void require_writable_rc(const fs::path& path) {
  const fs::path target = resolve_rc_target(path);
  std::error_code ec;
  fs::file_status st = fs::status(target, ec);
  require_regular(path, target, st);
  const bool exists = st.type() == fs::file_type::regular;
  // The owner's write bit too: root passes access(2) for any file, but a read-only .bashrc is
  // still the user's "do not touch" (an atomic write would replace it without complaint).
  if (exists && (::access(target.c_str(), W_OK) != 0 || (fs::status(target, ec).permissions() & fs::perms::owner_write) ==
                                                             fs::perms::none))
    throw Error("cannot update " + path.string(), target.string() + " is not writable (read-only)",
                "make it writable (chmod u+w " + target.string() + "), or choose another file with --rc FILE");
  const fs::path dir = target.parent_path();
  if (!fs::is_directory(dir, ec))
    throw Error("cannot write " + path.string(),
                "the directory " + dir.string() + " does not exist" +
                    (target != path ? " (" + path.string() + " is a symbolic link to " + target.string() + ")" : "") +
                    ", and userpkg creates no directories for a startup file",
                "create it first, or choose another file with --rc FILE");
  if (::access(dir.c_str(), W_OK) != 0)
    throw Error("cannot update " + path.string(), "its directory " + dir.string() + " is not writable",
                "make it writable, or choose another file with --rc FILE");
}

std::optional<RcBackup> write_rc(const fs::path& path, const std::string& content, const fs::path& backups_dir) {
  require_writable_rc(path);
  fs::path target = resolve_rc_target(path);
  std::optional<RcBackup> backup;
  fs::perms mode = fs::perms(0644);
  std::error_code ec;
  if (fs::exists(target, ec)) {
    mode = mode_of(target);
    backup = save_backup(target, read_file(target), backups_dir, mode);
  }
  try {
    write_file_atomic(target, content, mode);
  } catch (const Error&) {
    // The rc file is as it was: its backup would only be one more copy on a full disk.
    if (backup) {
      std::error_code ignored;
      fs::remove(fs::path(backup->backup.string() + ".json"), ignored);
      fs::remove(backup->backup, ignored);
    }
    throw;
  }
  return backup;
}

std::optional<RcBackup> remove_rc(const fs::path& path, const fs::path& backups_dir) {
  require_writable_rc(path);
  fs::path target = resolve_rc_target(path);
  std::error_code ec;
  if (!fs::exists(target, ec)) return std::nullopt;
  RcBackup backup = save_backup(target, read_file(target), backups_dir, mode_of(target));
  if (!fs::remove(target, ec) || ec)
    throw Error("cannot remove " + target.string(), ec ? ec.message() : "it vanished", "check permissions");
  return backup;
}

std::vector<RcBackup> list_rc_backups(const fs::path& backups_dir) {
  std::vector<RcBackup> out;
  for (const fs::path& entry : directory_entries(backups_dir)) {
    if (entry.extension() != ".json") continue;
    try {
      const std::string text = read_input_file(entry, kStateFileLimits, "");
      check_json_input(text, entry.string(), kStateFileLimits, "");
      auto meta = nlohmann::json::parse(text);
      RcBackup b;
      b.backup = entry.parent_path() / entry.stem();
      b.original = meta.at("original").get<std::string>();
      b.taken = meta.value("taken", "");
      std::error_code ec;
      if (fs::is_regular_file(b.backup, ec)) out.push_back(std::move(b));
    } catch (const std::exception&) {
      // A damaged sidecar: that backup cannot be restored automatically; skip it.
    }
  }
  std::sort(out.begin(), out.end(), [](const RcBackup& a, const RcBackup& b) {
    return a.taken != b.taken ? a.taken > b.taken : a.backup > b.backup;
  });
  return out;
}

}  // namespace userpkg
