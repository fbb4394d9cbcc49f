#include "repos/repo_manager.hpp"

#include "prefix/timestamp.hpp"
#include "repos/repo_config.hpp"
#include "util/error.hpp"
#include "util/fs.hpp"

namespace userpkg {
namespace {

std::vector<BrokenRecipe> broken_of(const RepoContents& contents) {
  std::vector<BrokenRecipe> broken;
  for (auto& [name, r] : contents.recipes)
    if (!r.broken.empty()) broken.push_back({name, r.broken});
  return broken;
}

RepoState state_for(const RepoEntry& entry, const FetchedTree& fetched) {
  return RepoState{entry.source, std::string(kind_name(fetched.kind)), entry.ref, fetched.revision, iso8601_now()};
}

// A fetched and checked tree in staging, not yet in place.
struct Staged {
  std::unique_ptr<ScopedDir> dir;
  FetchedTree fetched;
  RepoContents contents;
};

Staged fetch_and_inspect(const RepoOps& ops, const RepoEntry& entry) {
  ensure_dir(ops.layout.staging());
  Staged s;
  s.dir = std::make_unique<ScopedDir>(make_unique_dir(ops.layout.staging(), "repo-" + entry.name));
  ops.fetch.reporter->info("fetching repo " + entry.name + " from " + entry.source +
                           (entry.ref.empty() ? "" : " (ref " + entry.ref + ")") + "…");
  s.fetched = fetch_repo_tree(entry, s.dir->path(), ops.fetch);
  s.contents = inspect_repo_tree(s.fetched.tree, ops.layout.repo_tree(entry.name), entry.name, ops.userpkg_version);
  return s;
}

std::size_t count_recipes(const fs::path& tree) {
  std::size_t n = 0;
  for (auto& file : directory_entries(tree / "recipes")) n += file.extension() == ".toml" ? 1 : 0;
  return n;
}

}  // namespace

const RepoEntry* find_repo(const std::vector<RepoEntry>& configured, const std::string& name) {
  for (auto& e : configured)
    if (e.name == name) return &e;
  return nullptr;
}

AddResult add_repo(const RepoOps& ops, const std::vector<RepoEntry>& configured, const RepoEntry& entry) {
  check_repo_name(entry.name);
  if (find_repo(configured, entry.name))
    throw Error("a repo named " + entry.name + " is already configured", "",
                "run `userpkg repo update " + entry.name + "` to fetch its newest state, or `userpkg repo remove " +
                    entry.name + "` first");
  Staged staged = fetch_and_inspect(ops, entry);
  const fs::path dir = ops.layout.repo_dir(entry.name);
  ensure_dir(ops.layout.repos());
  std::error_code ec;
  if (fs::exists(dir, ec)) {
    // Left by a repo that was removed from config.toml by hand: not configured, so not in use.
    ops.fetch.reporter->detail("replacing the unconfigured leftover " + dir.string());
    if (!remove_tree(dir)) throw Error("cannot remove the leftover " + dir.string(), "", "remove it by hand");
  }
  ScopedDir placed(dir);
  ensure_dir(dir);
  rename_path(staged.fetched.tree, ops.layout.repo_tree(entry.name));
  AddResult result;
  result.state = state_for(entry, staged.fetched);
  write_repo_state(ops.layout.repo_state(entry.name), result.state);
  add_repo_to_config_file(ops.config_file, entry, ops.layout.backups());
  placed.release();  // configured and pinned: keep it
  result.manifest = staged.contents.manifest;
  result.recipes = staged.contents.recipes.size();
  result.broken = broken_of(staged.contents);
  return result;
}

UpdateResult update_repo(const RepoOps& ops, const RepoEntry& entry) {
  UpdateResult result;
  result.name = entry.name;
  const fs::path tree = ops.layout.repo_tree(entry.name);
  const fs::path state_file = ops.layout.repo_state(entry.name);
  std::optional<RepoState> old;
  try {
    old = read_repo_state(state_file);
  } catch (const Error& e) {  // a damaged pin: fetch afresh, as if never fetched
    ops.fetch.reporter->warn(std::string(e.what()) + "; fetching the repo afresh");
  }
  std::error_code ec;
  if (old && !fs::is_directory(tree, ec)) old.reset();  // a pin without its tree counts as never fetched
  result.first_fetch = !old;
  if (old) result.old_revision = old->revision;

  Staged staged = fetch_and_inspect(ops, entry);
  result.state = state_for(entry, staged.fetched);
  result.recipes = staged.contents.recipes;
  result.broken = broken_of(staged.contents);
  if (old && old->revision == staged.fetched.revision) {
    result.unchanged = true;
    if (old->source != entry.source || old->ref != entry.ref) write_repo_state(state_file, result.state);
    else result.state = *old;
    return result;
  }
  if (old) {
    RepoContents before = inspect_repo_tree(tree, tree, entry.name, "");
    result.diff = diff_repo(before, staged.contents);
  } else {
    result.diff = diff_repo({}, staged.contents);
  }
  // Swap: the old tree moves into staging (removed with it), the new one into place, then the pin.
  ensure_dir(ops.layout.repo_dir(entry.name));
  const fs::path retired = staged.dir->path() / "old-tree";
  if (fs::exists(tree, ec)) rename_path(tree, retired);
  try {
    rename_path(staged.fetched.tree, tree);
  } catch (...) {
    if (fs::exists(retired, ec)) rename_path(retired, tree);
    throw;
  }
  write_repo_state(state_file, result.state);
  return result;
}

bool remove_repo(const RepoOps& ops, const std::vector<RepoEntry>& configured, const std::string& name) {
  const fs::path dir = ops.layout.repo_dir(name);
  std::error_code ec;
  if (!find_repo(configured, name)) {
    if (!repo_name_problem(name).empty() || !fs::exists(dir, ec))
      throw Error("no repo named " + name + " is configured", "", "`userpkg repo list` shows the configured repos");
  } else {
    remove_repo_from_config_file(ops.config_file, name, ops.layout.backups());
  }
  return remove_tree(dir);
}

std::vector<RepoRow> list_repos(const PrefixLayout& layout, const std::vector<RepoEntry>& configured) {
  std::vector<RepoRow> rows;
  for (const RepoEntry& e : configured) {
    RepoRow row;
    row.entry = e;
    std::error_code ec;
    row.state = read_repo_state(layout.repo_state(e.name));
    if (row.state && !fs::is_directory(layout.repo_tree(e.name), ec)) row.state.reset();
    if (row.state) row.recipes = count_recipes(layout.repo_tree(e.name));
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace userpkg
