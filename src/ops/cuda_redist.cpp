#include "ops/cuda_redist.hpp"

#include <algorithm>
#include <fstream>
#include <map>

#include "archive/extract.hpp"
#include "cuda/archive_strip.hpp"
#include "cuda/components.hpp"
#include "fetch/fetcher.hpp"
#include "platform/cuda_driver_table.hpp"
#include "platform/machine.hpp"
#include "prefix/install_record.hpp"
#include "prefix/installed.hpp"
#include "util/error.hpp"
#include "util/fs.hpp"
#include "util/strings.hpp"

namespace userpkg {
namespace {

namespace fs = std::filesystem;
using archive::EntryKind;

bool is_cuda_redist(const PlannedPackage& p) { return p.recipe->build.system == "cuda-redist"; }

// The manifest keys before a CUDA variant is known (to see which variants they publish).
std::vector<std::string> keys_of(const PlannedPackage& p, const cuda::RedistManifest& manifest) {
  if (!p.recipe->redist.components.empty()) return p.recipe->redist.components;
  return cuda::component_keys_for(cuda::parse_component_options(p.options), manifest);
}

std::string retry_command(const PlannedPackage& p, const NvidiaDriver& driver, const std::vector<int>& majors) {
  if (!driver.max_cuda) return {};
  if (!majors.empty()) {
    int max_major = static_cast<int>(driver.max_cuda->parts().front().number);
    for (auto it = majors.rbegin(); it != majors.rend(); ++it)
      if (*it <= max_major)
        return "userpkg install " + p.name() + "@" + p.version->version.str() + " --cuda cu" + std::to_string(*it) + "0";
    return {};
  }
  std::vector<Version> versions;
  for (const RecipeVersion& v : p.recipe->versions) versions.push_back(v.version);
  if (auto v = cuda::newest_supported(versions, *driver.max_cuda))
    return "userpkg install " + p.name() + "@" + v->str() + (p.options.empty() ? "" : " " + p.options);
  return {};
}

// The files below `root`, as an archive listing with names relative to root (parents first).
cuda::ArchiveListing list_extracted(const fs::path& root, const std::string& component, const std::string& archive) {
  cuda::ArchiveListing listing{component, archive, {}};
  for (auto it = fs::recursive_directory_iterator(root); it != fs::recursive_directory_iterator(); ++it) {
    archive::EntryInfo entry;
    entry.name = it->path().lexically_relative(root).generic_string();  // not fs::relative: it follows symlinks
    fs::file_status status = it->symlink_status();
    if (fs::is_symlink(status)) {
      entry.kind = EntryKind::symlink;
      entry.link_target = fs::read_symlink(it->path()).string();
    } else if (fs::is_directory(status)) {
      entry.kind = EntryKind::directory;
    } else if (fs::is_regular_file(status)) {
      entry.kind = EntryKind::file;
    } else {
      entry.kind_text = "special file";
    }
    listing.entries.push_back(std::move(entry));
  }
  std::sort(listing.entries.begin(), listing.entries.end(),
            [](const archive::EntryInfo& a, const archive::EntryInfo& b) { return a.name < b.name; });
  return listing;
}

bool same_content(const fs::path& a, const fs::path& b) {
  if (fs::file_size(a) != fs::file_size(b)) return false;
  std::ifstream fa(a, std::ios::binary), fb(b, std::ios::binary);
  std::vector<char> ba(1 << 16), bb(1 << 16);
  while (fa && fb) {
    fa.read(ba.data(), static_cast<std::streamsize>(ba.size()));
    fb.read(bb.data(), static_cast<std::streamsize>(bb.size()));
    if (fa.gcount() != fb.gcount() || !std::equal(ba.begin(), ba.begin() + fa.gcount(), bb.begin())) return false;
  }
  return true;
}

void place_entry(const cuda::PlannedEntry& entry, const fs::path& from, const fs::path& tree) {
  fs::path to = tree / entry.target;
  switch (entry.kind) {
    case EntryKind::directory: fs::create_directories(to); return;
    case EntryKind::file:
      fs::create_directories(to.parent_path());
      rename_path(from, to);
      return;
    case EntryKind::symlink:
      fs::create_directories(to.parent_path());
      fs::create_symlink(entry.link_target, to);
      return;
    case EntryKind::hardlink:
      fs::create_directories(to.parent_path());
      fs::create_hard_link(tree / entry.link_target, to);
      return;
    case EntryKind::other: break;
  }
  throw Error(entry.source + ": a special file in a CUDA archive", "only files, directories and links are merged",
              "check the archive it came from");
}

}  // namespace

cuda::RedistManifest load_redist_manifest(const PlannedPackage& package, const FetchedFile* fetched) {
  const Recipe& recipe = *package.recipe;
  const std::string version = package.version->version.str();
  if (auto carried = recipe.redist.manifests.find(version); carried != recipe.redist.manifests.end())
    return cuda::parse_redist_manifest(carried->second, recipe.origin + " [redist.manifests.\"" + version + "\"]");
  if (!fetched)
    throw Error(package.name() + " " + version + ": no manifest", "the recipe neither carries it nor pins its file",
                "add the release to the recipe's [redist.manifests] or pin redistrib_" + version + ".json by sha256");
  return cuda::parse_redist_manifest(read_file(fetched->path), fetched->file.url);
}

RedistDecision decide_redist(const PlannedPackage& package, const cuda::RedistManifest& manifest,
                             const StackSettings& stack, const NvidiaDriver& driver,
                             const std::optional<Version>& cuda_in_prefix) {
  RedistDecision d;
  d.platform = cuda::redist_platform_for_arch(detect_arch().machine);
  std::vector<int> majors = cuda::published_cuda_majors(manifest, keys_of(package, manifest), d.platform);
  if (!majors.empty()) {
    cuda::CudaMajorChoice major = cuda::choose_cuda_major(majors, stack.cuda, cuda_in_prefix, driver);
    d.cuda_major = major.major;
    d.cuda_major_why = major.why;
  }
  d.choice = cuda::choose_archives(package.recipe->redist, package.name(), manifest, package.options, d.platform,
                                   d.cuda_major);
  // The driver must run the CUDA this is for: the toolkit's own version, or the variant's major.
  std::optional<Version> cuda;
  if (d.cuda_major) cuda = Version::parse(std::to_string(*d.cuda_major) + ".0");
  else if (package.recipe->redist.product == "cuda") cuda = package.version->version;
  if (cuda) {
    std::string what = package.name() + " " + package.version->version.str() +
                       (d.cuda_major ? " (built for CUDA " + std::to_string(*d.cuda_major) + ")" : std::string());
    d.driver_note = cuda::check_driver(driver, *cuda, stack.force, what, retry_command(package, driver, majors));
  }
  return d;
}

std::optional<Version> cuda_toolkit_for(const Plan& plan, const PrefixLayout& layout) {
  if (const PlannedPackage* cuda = plan.find("cuda"); cuda && cuda->action != Action::System)
    return cuda->version->version;
  std::optional<Version> newest;
  for (const InstalledPackage& p : list_installed(layout))
    if (p.record.name == "cuda")
      if (auto v = Version::try_parse(p.record.version); v && (!newest || *v > *newest)) newest = v;
  return newest;
}

std::vector<FetchedFile> fetch_redist_archives(const std::string& recipe, const std::string& product,
                                               const std::vector<cuda::RedistEntry>& entries,
                                               const std::string& redist_root, const FetchSettings& fetch,
                                               Reporter& reporter) {
  std::vector<FetchItem> items;
  for (const cuda::RedistEntry& e : entries)
    items.push_back(FetchItem{recipe, {SourceFile{cuda::archive_url(redist_root, product, e),
                                                  cuda::archive_file_name(e), e.sha256}}});
  Fetcher fetcher(fetch, reporter);
  std::vector<FetchedFile> fetched = fetcher.fetch_all(items);
  for (std::size_t i = 0; i < entries.size(); ++i) {
    std::uint64_t size = fs::file_size(fetched[i].path);
    if (entries[i].size != 0 && size != entries[i].size)  // 0: not published; the sha256 matched
      throw Error(cuda::archive_file_name(entries[i]) + " has " + std::to_string(size) + " bytes; its manifest says " +
                      std::to_string(entries[i].size),
                  "its sha256 matched, so the manifest's size is wrong", "correct the size in the manifest or recipe");
  }
  return fetched;
}

cuda::MergePlan merge_redist_archives(const std::vector<cuda::RedistEntry>& entries,
                                      const std::vector<FetchedFile>& archives, const fs::path& work,
                                      const fs::path& tree, Reporter& reporter) {
  std::vector<cuda::ArchiveListing> listings;
  std::map<std::string, fs::path> roots;  // component -> where its archive was extracted
  for (std::size_t i = 0; i < entries.size(); ++i) {
    fs::path dest = work / std::to_string(i);
    fs::create_directories(dest);
    reporter.detail("extracting " + archives[i].path.string());
    extract_archive(archives[i].path, dest);
    cuda::ArchiveListing listing = list_extracted(dest, entries[i].component, cuda::archive_file_name(entries[i]));
    const std::string& strip = entries[i].strip;
    if (!strip.empty()) listing = cuda::select_subtree(listing, strip);  // names now relative to strip's parent
    listings.push_back(std::move(listing));
    roots[entries[i].component] = strip.empty() ? dest : dest / cuda::strip_parent(strip);
  }
  cuda::MergePlan plan = cuda::plan_merge(listings);
  for (const cuda::Collision& c : plan.collisions) {
    const fs::path first = roots.at(c.sources.front().component) / c.sources.front().source;
    bool identical = true;
    for (std::size_t i = 1; i < c.sources.size(); ++i)
      identical = identical && same_content(first, roots.at(c.sources[i].component) / c.sources[i].source);
    cuda::check_collision(c, identical);
  }
  fs::create_directories(tree.parent_path());
  fs::create_directory(tree);
  for (const cuda::PlannedEntry& entry : plan.entries)
    place_entry(entry, roots.at(entry.component) / entry.source, tree);
  for (const cuda::TreeLink& link : plan.links) fs::create_symlink(link.target, tree / link.path);
  return plan;
}

void check_reused_redist_components(const Plan& plan, const PrefixLayout& layout, Reporter& reporter) {
  for (const PlannedPackage& p : plan.packages) {
    if (!p.requested || p.action != Action::Reuse || !is_cuda_redist(p) || p.options.empty()) continue;
    if (!p.recipe->redist.components.empty()) continue;  // fixed set: choose_archives refuses options
    const std::string version = p.version->version.str();
    std::vector<std::string> wanted = cuda::parse_component_options(p.options);
    InstallRecord record = read_record(layout.record_path(p.name(), version));
    const std::string installed = record.details.count("components") ? record.details.at("components") : "";
    std::vector<std::string> missing = cuda::missing_components(wanted, installed);
    if (missing.empty()) {
      reporter.info(p.name() + " " + version + " is installed with " + installed + ", which includes what " +
                    p.options + " asks for");
      continue;
    }
    throw Error(p.name() + " " + version + " is already installed, without " + join(missing, ", "),
                "it was installed with the components " + (installed.empty() ? "(unknown)" : installed) +
                    ", merged into one directory that userpkg does not change afterwards",
                "uninstall it first (`userpkg uninstall " + p.name() + "@" + version + "`), then `userpkg install " +
                    p.name() + "@" + version + " " + p.options + "`; archives already downloaded come from the cache");
  }
}

}  // namespace userpkg
