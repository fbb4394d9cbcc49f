#include "prefix/gc.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <map>
#include <set>
#include <system_error>

#include "prefix/installed.hpp"
#include "prefix/json_file.hpp"
#include "util/error.hpp"
#include "util/fs.hpp"
#include "util/strings.hpp"

namespace userpkg {

namespace {

std::set<unsigned> kept_generations(const GcInputs& in, const GcOptions& options) {
  std::set<unsigned> kept;
  if (in.current) kept.insert(*in.current);
  std::vector<unsigned> numbers;
  for (const Generation& g : in.generations) numbers.push_back(g.number);
  std::sort(numbers.rbegin(), numbers.rend());
  const std::size_t keep = options.keep ? *options.keep : numbers.size();
  for (std::size_t i = 0; i < numbers.size() && i < keep; ++i) kept.insert(numbers[i]);
  return kept;
}

// The packages of the kept generations and, transitively, the prefix-provided dependencies their
// install records name.
std::set<PackageRef> kept_packages(const GcInputs& in, const std::set<unsigned>& generations) {
  std::map<PackageRef, const InstallRecord*> records;
  for (const InstallRecord& r : in.installed) records[{r.name, r.version}] = &r;
  std::set<PackageRef> kept;
  std::vector<PackageRef> todo;
  for (const Generation& g : in.generations)
    if (generations.count(g.number))
      for (const PackageRef& p : g.packages) todo.push_back(p);
  while (!todo.empty()) {
    PackageRef p = std::move(todo.back());
    todo.pop_back();
    if (!kept.insert(p).second) continue;
    auto it = records.find(p);
    if (it == records.end()) continue;
    for (const RecordDependency& d : it->second->dependencies)
      if (d.provided_by == ProvidedBy::prefix) todo.push_back({d.name, d.version});
  }
  return kept;
}

void discard_tree(const PrefixLayout& layout, const fs::path& path, const std::string& stem) {
  const fs::path holder = make_unique_dir(layout.staging(), stem);
  rename_path(path, holder / "tree");
  sync_directory(path.parent_path());
  if (!remove_tree(holder))
    throw Error("cannot remove " + holder.string(), "some files could not be deleted",
                "check permissions; the next userpkg run retries");
}

std::string download_label(const fs::path& dir) {
  std::vector<std::string> names;
  for (const fs::path& entry : directory_entries(dir)) names.push_back(entry.filename().string());
  std::string sha = dir.filename().string();
  return (names.empty() ? std::string("(empty)") : join(names, ", ")) + " (" + sha.substr(0, 12) + "…)";
}

}  // namespace

GcPlan plan_gc(const GcInputs& in, const GcOptions& options, const fs::path& logs_dir) {
  GcPlan plan;
  const std::set<unsigned> generations = kept_generations(in, options);
  for (const Generation& g : in.generations)
    if (!generations.count(g.number)) plan.generations.push_back(g.number);
  std::sort(plan.generations.begin(), plan.generations.end());

  const std::set<PackageRef> packages = kept_packages(in, generations);
  std::set<std::string> kept_shas;
  for (const InstallRecord& r : in.installed) {
    const PackageRef ref{r.name, r.version};
    if (packages.count(ref)) {
      plan.kept_packages.push_back(ref);
      if (!r.sha256.empty()) kept_shas.insert(r.sha256);
      continue;
    }
    plan.packages.push_back(ref);
    const fs::path log = r.build_log;
    if (!log.empty() && log.is_absolute() && log.parent_path() == logs_dir) plan.logs.push_back(log);
  }
  std::sort(plan.packages.begin(), plan.packages.end());
  std::sort(plan.kept_packages.begin(), plan.kept_packages.end());
  std::sort(plan.logs.begin(), plan.logs.end());
  plan.logs.erase(std::unique(plan.logs.begin(), plan.logs.end()), plan.logs.end());

  if (!options.keep_downloads)
    for (const std::string& sha : in.cached)
      if (!kept_shas.count(sha)) plan.downloads.push_back(sha);
  std::sort(plan.downloads.begin(), plan.downloads.end());
  return plan;
}

GcInputs read_gc_inputs(const PrefixLayout& layout) {
  GcInputs in;
  for (unsigned n : list_generations(layout)) in.generations.push_back(read_generation(layout, n));
  in.current = current_generation_number(layout);
  for (InstalledPackage& p : list_installed(layout)) in.installed.push_back(std::move(p.record));
  std::error_code ec;
  for (const fs::path& entry : directory_entries(layout.downloads()))
    if (fs::is_directory(fs::symlink_status(entry, ec))) in.cached.push_back(entry.filename().string());
  return in;
}

std::uint64_t GcResult::freed_bytes() const {
  std::uint64_t total = 0;
  for (const GcItem& item : items)
    if (item.error.empty()) total += item.bytes;
  return total;
}

bool GcResult::all_removed() const {
  return std::all_of(items.begin(), items.end(), [](const GcItem& i) { return i.error.empty(); });
}

std::uint64_t disk_usage(const fs::path& path) noexcept {
  std::uint64_t total = 0;
  std::set<std::pair<dev_t, ino_t>> seen;
  auto add = [&](const fs::path& p) {
    struct stat st {};
    if (::lstat(p.c_str(), &st) != 0) return;
    if (st.st_nlink > 1 && !S_ISDIR(st.st_mode) && !seen.insert({st.st_dev, st.st_ino}).second) return;
    total += static_cast<std::uint64_t>(st.st_blocks) * 512u;
  };
  add(path);
  std::error_code ec;
  if (!fs::is_directory(fs::symlink_status(path, ec))) return total;
  for (fs::recursive_directory_iterator it(path, fs::directory_options::skip_permission_denied, ec), end;
       !ec && it != end; it.increment(ec))
    add(it->path());
  return total;
}

GcResult measure_gc(const PrefixLayout& layout, const GcPlan& plan) {
  GcResult result;
  auto add = [&](std::string kind, std::string label, fs::path path) {
    std::uint64_t bytes = disk_usage(path);
    result.items.push_back({std::move(kind), std::move(label), std::move(path), bytes, {}});
  };
  for (unsigned n : plan.generations) add("generation", std::to_string(n), layout.profile(n));
  for (const PackageRef& p : plan.packages)
    add("package", p.name + " " + p.version, layout.package_dir(p.name, p.version));
  for (const std::string& sha : plan.downloads)
    add("download", download_label(layout.downloads() / sha), layout.downloads() / sha);
  for (const fs::path& log : plan.logs) {
    std::error_code ec;
    if (fs::exists(fs::symlink_status(log, ec))) add("log", log.filename().string(), log);
  }
  return result;
}

GcResult execute_gc(const PrefixLayout& layout, const GcPlan& plan) {
  GcResult result = measure_gc(layout, plan);
  const auto current = current_generation_number(layout);
  for (GcItem& item : result.items) {
    try {
      if (item.kind == "generation") {
        if (current && item.path == layout.profile(*current))
          throw Error("generation " + item.label + " is the current one", "", "");
        discard_tree(layout, item.path, "gc-generation-" + item.label);
      } else if (item.kind == "package") {
        discard_tree(layout, item.path, "gc-" + item.path.parent_path().filename().string() + "-" +
                                            item.path.filename().string());
        std::error_code ec;
        if (fs::is_empty(item.path.parent_path(), ec) && !ec) fs::remove(item.path.parent_path(), ec);
      } else if (item.kind == "download") {
        // A cache entry is verified by its sha256 before use, so a half-deleted one is harmless.
        if (!remove_tree(item.path)) throw Error("some files could not be deleted");
      } else {
        std::error_code ec;
        if (!fs::remove(item.path, ec) && ec) throw Error(errno_text(ec.value()));
      }
    } catch (const Error& e) {
      item.error = e.what();
      if (!e.why().empty()) item.error += ": " + e.why();
    }
  }
  return result;
}

}  // namespace userpkg
