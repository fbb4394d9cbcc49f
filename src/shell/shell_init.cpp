#include "shell/shell_init.hpp"

#include <algorithm>
#include <sys/stat.h>
#include <unistd.h>

#include "shell/env_files.hpp"
#include "shell/rc_block.hpp"
#include "shell/shell_init_state.hpp"
#include "util/error.hpp"

namespace userpkg {

namespace fs = std::filesystem;

namespace {

fs::path normalized(const fs::path& file) { return fs::absolute(file).lexically_normal(); }

// Block errors name no file: add it.
template <typename F>
auto in_file(const fs::path& file, F&& edit) {
  try {
    return edit();
  } catch (const Error& e) {
    throw Error(std::string(e.what()) + " in " + file.string(), e.why(), e.hint());
  }
}

// An atomic write would replace a read-only file without complaint; a read-only startup file is
// the user saying "do not touch", so refuse with a way out.
void require_writable(const fs::path& file) {
  const fs::path target = resolve_rc_target(file);
  std::error_code ec;
  const bool exists = fs::exists(target, ec);
  const fs::path dir = target.parent_path();
  struct stat st{};
  // The owner's write bit too: root passes access(2) for any file, but a read-only .bashrc is
  // still the user's "do not touch".
  if (exists && (::access(target.c_str(), W_OK) != 0 || (::stat(target.c_str(), &st) == 0 && !(st.st_mode & S_IWUSR))))
    throw Error("cannot update " + file.string(), target.string() + " is not writable",
                "make it writable (chmod u+w " + target.string() + "), or choose another file with --rc FILE");
  // A missing directory is created by write_rc; an existing one must let us add the temp file.
  if (fs::exists(dir, ec) && ::access(dir.c_str(), W_OK) != 0)
    throw Error("cannot update " + file.string(), "its directory " + dir.string() + " is not writable",
                "make it writable, or choose another file with --rc FILE");
}

std::vector<ShellInitEntry>::iterator find_entry(std::vector<ShellInitEntry>& entries, const fs::path& file) {
  return std::find_if(entries.begin(), entries.end(),
                      [&](const ShellInitEntry& e) { return normalized(e.file) == file; });
}

bool sources_this_prefix(const PrefixLayout& layout, const std::string& body) {
  return rc_block_sources(body, layout.env_sh()) || rc_block_sources(body, layout.env_fish());
}

}  // namespace

fs::path env_script_for(const PrefixLayout& layout, Shell shell) {
  return shell == Shell::fish ? layout.env_fish() : layout.env_sh();
}

std::vector<RcChange> shell_init(const PrefixLayout& layout, Shell shell, const std::vector<fs::path>& files,
                                 bool dry_run) {
  const std::string body = rc_block_body(shell, env_script_for(layout, shell));
  if (!dry_run) write_stable_env_scripts(layout);
  std::vector<ShellInitEntry> state = read_shell_init_state(layout);
  std::vector<RcChange> changes;
  for (const fs::path& given : files) {
    const fs::path file = normalized(given);
    if (std::any_of(changes.begin(), changes.end(), [&](const RcChange& c) { return c.file == file; })) continue;
    RcChange change{file, RcChangeKind::unchanged, std::nullopt, false, ""};
    const std::optional<std::string> old = read_rc(file);
    const std::string before = old.value_or("");
    const auto span = in_file(file, [&] { return find_rc_block(before); });
    const std::string after = in_file(file, [&] { return upsert_rc_block(before, body); });
    if (span && !sources_this_prefix(layout, span->body)) change.replaced_other = span->body;
    if (!old) change.kind = RcChangeKind::created;
    else if (after == *old) change.kind = RcChangeKind::unchanged;
    else change.kind = span ? RcChangeKind::updated : RcChangeKind::added;

    if (!dry_run) {
      if (change.kind != RcChangeKind::unchanged) require_writable(file);
      // Recorded before the write, so a crash in between leaves a record deinit can act on
      // (it finds no block and drops the record).
      if (find_entry(state, file) == state.end()) {
        state.push_back({file, shell, !old});
        write_shell_init_state(layout, state);
      }
      if (change.kind != RcChangeKind::unchanged) change.backup = write_rc(file, after, layout.backups());
    }
    changes.push_back(std::move(change));
  }
  return changes;
}

std::vector<RcChange> shell_deinit(const PrefixLayout& layout, const DeinitRequest& request) {
  std::vector<ShellInitEntry> state = read_shell_init_state(layout);
  struct Candidate {
    fs::path file;
    bool recorded;
    bool created;
  };
  std::vector<Candidate> candidates;
  auto add = [&](const fs::path& given) {
    const fs::path file = normalized(given);
    for (const Candidate& c : candidates)
      if (c.file == file) return;
    auto entry = find_entry(state, file);
    candidates.push_back({file, entry != state.end(), entry != state.end() && entry->created});
  };
  if (request.rc) {
    add(*request.rc);
  } else {
    for (const ShellInitEntry& e : state)
      if (!request.shell || e.shell == *request.shell) add(e.file);
    for (Shell s : {Shell::bash, Shell::zsh, Shell::fish, Shell::sh})
      if (!request.shell || s == *request.shell)
        for (const fs::path& f : rc_files_for_deinit(s, request.home)) add(f);
  }

  std::vector<RcChange> changes;
  for (const Candidate& c : candidates) {
    RcChange change{c.file, RcChangeKind::no_block, std::nullopt, c.recorded, ""};
    const std::optional<std::string> old = read_rc(c.file);
    std::optional<RcBlockSpan> span;
    if (!old) change.kind = RcChangeKind::missing;
    else span = in_file(c.file, [&] { return find_rc_block(*old); });
    if (span && !sources_this_prefix(layout, span->body)) change.kind = RcChangeKind::other_prefix;
    else if (span) {
      const std::string after = remove_rc_block(*old);
      change.kind = c.created && after.empty() ? RcChangeKind::file_removed : RcChangeKind::block_removed;
      if (!request.dry_run) {
        require_writable(c.file);
        change.backup = change.kind == RcChangeKind::file_removed ? remove_rc(c.file, layout.backups())
                                                                  : write_rc(c.file, after, layout.backups());
      }
    }
    if (!request.dry_run && c.recorded) {
      state.erase(find_entry(state, c.file));
      write_shell_init_state(layout, state);
    }
    changes.push_back(std::move(change));
  }
  return changes;
}

}  // namespace userpkg
