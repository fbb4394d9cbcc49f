#include "shell/shell_init.hpp"

#include <algorithm>

#include "shell/env_files.hpp"
#include "shell/rc_block.hpp"
#include "shell/shell_init_state.hpp"
#include "util/error.hpp"
#include "util/fs.hpp"

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

// Makes the missing directories above `file`, outermost first; returns those it made.
std::vector<fs::path> make_missing_dirs(const fs::path& file) {
  std::vector<fs::path> missing;
  std::error_code ec;
  for (fs::path dir = file.parent_path(); !dir.empty() && !fs::exists(fs::symlink_status(dir, ec)); dir = dir.parent_path()) {
    missing.insert(missing.begin(), dir);
    if (dir == dir.parent_path()) break;
  }
  for (const fs::path& dir : missing) ensure_dir(dir);
  return missing;
}

// Removes the directories init made, innermost first, as long as they are empty.
void remove_made_dirs(const std::vector<fs::path>& dirs) {
  for (auto it = dirs.rbegin(); it != dirs.rend(); ++it) {
    std::error_code ec;
    if (!fs::remove(*it, ec) || ec) return;  // not empty (the user's files now): keep it and those above
  }
}

Error hand_edited_block(const fs::path& file, const std::string& body) {
  return Error("the userpkg block in " + file.string() + " holds lines userpkg did not write",
               "between '" + std::string(rc_block_begin_marker) + "' and '" + rc_block_end_marker +
                   "' there is:\n" + body,
               "move your own lines out of the block (above its first marker) and run the command again; userpkg "
               "never rewrites lines it did not write");
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
                                 bool dry_run, bool usual_files) {
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
    if (span && !rc_block_is_userpkgs(span->body)) throw hand_edited_block(file, span->body);
    const std::string after = in_file(file, [&] { return upsert_rc_block(before, body); });
    if (span && !sources_this_prefix(layout, span->body)) change.replaced_other = span->body;
    if (!old) change.kind = RcChangeKind::created;
    else if (after == *old) change.kind = RcChangeKind::unchanged;
    else change.kind = span ? RcChangeKind::updated : RcChangeKind::added;

    if (!dry_run) {
      std::vector<fs::path> made;
      std::error_code ec;
      if (!old && usual_files && resolve_rc_target(file) == file && !fs::exists(file.parent_path(), ec))
        made = make_missing_dirs(file);  // fish's conf.d
      if (change.kind != RcChangeKind::unchanged) require_writable_rc(file);
      // Recorded before the write, so a crash in between leaves a record deinit can act on
      // (it finds no block and drops the record).
      if (auto entry = find_entry(state, file); entry == state.end()) {
        state.push_back({file, shell, !old, made});
        write_shell_init_state(layout, state);
      } else if (!made.empty()) {
        entry->created_dirs = made;
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
    std::vector<fs::path> created_dirs;
  };
  std::vector<Candidate> candidates;
  auto add = [&](const fs::path& given) {
    const fs::path file = normalized(given);
    for (const Candidate& c : candidates)
      if (c.file == file) return;
    auto entry = find_entry(state, file);
    const bool recorded = entry != state.end();
    candidates.push_back({file, recorded, recorded && entry->created, recorded ? entry->created_dirs : std::vector<fs::path>{}});
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
    if (span && !rc_block_is_userpkgs(span->body)) change.kind = RcChangeKind::hand_edited;
    else if (span && !sources_this_prefix(layout, span->body)) change.kind = RcChangeKind::other_prefix;
    else if (span) {
      const std::string after = remove_rc_block(*old);
      change.kind = c.created && after.empty() ? RcChangeKind::file_removed : RcChangeKind::block_removed;
      if (!request.dry_run) {
        change.backup = change.kind == RcChangeKind::file_removed ? remove_rc(c.file, layout.backups())
                                                                  : write_rc(c.file, after, layout.backups());
        if (change.kind == RcChangeKind::file_removed) remove_made_dirs(c.created_dirs);
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
