#include "ops/plan_files.hpp"

#include <filesystem>
#include <set>

#include "cuda/redist_choice.hpp"
#include "fetch/fetcher.hpp"
#include "ops/cuda_redist.hpp"
#include "platform/nvidia_driver.hpp"
#include "fetch/download_cache.hpp"
#include "fetch/sha256.hpp"
#include "torch/dependency_wheels.hpp"
#include "torch/index_page.hpp"
#include "torch/mirror_layout.hpp"
#include "util/fs.hpp"
#include "util/environment.hpp"
#include "util/error.hpp"
#include "util/strings.hpp"

namespace userpkg {
namespace {

bool is_system(const PlannedPackage& p, std::string_view system) { return p.recipe->build.system == system; }

std::string label(const PlannedPackage& p) { return p.name() + " " + p.version->version.str(); }

// The manifest a cuda-redist release is chosen from: carried by the recipe, else its pinned file
// (fetched into the cache and verified here).
cuda::RedistManifest read_manifest(const PlannedPackage& p, const std::optional<PlannedFile>& pinned,
                                   const FetchSettings& fetch, Reporter& reporter) {
  if (!pinned) return load_redist_manifest(p, nullptr);
  FetchedFile file = Fetcher(fetch, reporter).fetch_all({pinned->fetch_item()}).front();
  return load_redist_manifest(p, &file);
}

std::vector<PlannedFile> redist_files(const Plan& plan, const PlannedPackage& p, const std::optional<PlannedFile>& pinned,
                                      const PrefixLayout& layout, const StackSettings& stack,
                                      const FetchSettings& fetch, Reporter& reporter) {
  StackSettings any_driver = stack;
  any_driver.force = true;  // the files are for any machine; the install checks its own driver
  cuda::RedistManifest manifest = read_manifest(p, pinned, fetch, reporter);
  NvidiaDriver driver = detect_nvidia_driver(DriverProbe{Environment::current()});
  RedistDecision d = decide_redist(p, manifest, any_driver, driver, cuda_toolkit_for(plan, layout));
  reporter.info(label(p) + ": " + std::to_string(d.choice.entries.size()) + " archive(s) for " +
                join(d.choice.names, ", "));
  return redist_archive_files(p, d.choice.entries, stack.cuda_redist);
}

// The pytorch package's files: the index pages read (into the cache as they were served, so a
// mirror can answer for the index offline), the wheels chosen, and every other wheel pip resolves
// for them (torch's dependencies; the chosen wheels are fetched first, into the cache, to resolve
// from).
std::vector<PlannedFile> torch_files(const PlannedPackage& p, const PrefixLayout& layout, const StackSettings& stack,
                                     const FetchSettings& fetch, Reporter& reporter) {
  StackSettings any_driver = stack;
  any_driver.force = true;
  TorchFacts facts = gather_torch_facts(any_driver, layout, Environment::current());
  std::vector<PlannedFile> out;
  TorchWheelPlan plan = plan_torch_wheel(p.name(), p.version->version, any_driver, facts, [&](const std::string& url) {
    reporter.detail("reading " + url);
    IndexPage page = fetch_index_page(url, fetch);
    if (std::optional<PlannedFile> file = torch_page_file(url, page)) {
      DownloadCache cache(fetch.cache_dir);
      const SourceFile& stored = file->preferred();
      if (!cache.verified(stored)) {
        ensure_dir(cache.final_path(stored).parent_path());
        write_file_atomic(cache.final_path(stored), page.body);
      }
      out.push_back(std::move(*file));
    }
    return page;
  });
  std::vector<const ChosenWheel*> wheels{&plan.main};
  for (const ChosenWheel& extra : plan.extras) wheels.push_back(&extra);
  for (const ChosenWheel* w : wheels)
    if (!w->wheel.verified())
      reporter.warn(w->wheel.file.file_name + " is left out: its index publishes no sha256, so it cannot be "
                    "verified, cached or mirrored (the install downloads it with --allow-unverified)");
  std::vector<PlannedFile> chosen = torch_wheel_files(plan);
  std::vector<FetchedFile> fetched = fetch_planned_files(chosen, fetch, reporter);
  std::vector<std::string> requirements;  // for pip: the fetched files, or the URL of an unverified wheel
  std::size_t next = 0;
  for (const ChosenWheel* w : wheels)
    requirements.push_back(w->wheel.verified() ? fetched[next++].path.string() : w->wheel.file.url);
  out.insert(out.end(), chosen.begin(), chosen.end());
  for (PlannedFile& f :
       torch_dependency_files(plan, download_dependency_wheels(facts, plan, requirements, any_driver, fetch, reporter)))
    out.push_back(std::move(f));
  return out;
}

}  // namespace

std::vector<SourceFile> source_candidates(const PlannedPackage& package) {
  std::vector<SourceFile> c{package.source()};
  if (package.source_kind.empty())
    for (const SourceFile& alt : package.version->alternates) c.push_back(alt);
  return c;
}

std::optional<PlannedFile> version_file(const PlannedPackage& package) {
  if (!package.version->has_file()) return std::nullopt;
  std::string what = is_system(package, "cuda-redist") ? "manifest of " : "source of ";
  if (is_system(package, "pip")) what = "wheel of ";
  return PlannedFile{package.name(), source_candidates(package), std::nullopt, what + label(package)};
}

std::vector<PlannedFile> redist_archive_files(const PlannedPackage& package,
                                              const std::vector<cuda::RedistEntry>& entries,
                                              const std::string& redist_root) {
  std::vector<PlannedFile> out;
  for (const cuda::RedistEntry& e : entries) {
    SourceFile file{cuda::archive_url(redist_root, package.recipe->redist.product, e), cuda::archive_file_name(e),
                    e.sha256};
    std::optional<std::uint64_t> size;
    if (e.size != 0) size = e.size;  // 0: not published
    out.push_back(PlannedFile{package.name(), {file}, size, e.component + " archive of " + label(package)});
  }
  return out;
}

std::vector<PlannedFile> torch_wheel_files(const TorchWheelPlan& plan) {
  std::vector<PlannedFile> out;
  auto add = [&](const ChosenWheel& w, const std::string& why) {
    if (!w.wheel.verified()) return;
    out.push_back(PlannedFile{w.project, {SourceFile{w.wheel.file.url, w.wheel.file.file_name, w.wheel.file.sha256}},
                              std::nullopt, why});
  };
  add(plan.main, "wheel of " + plan.main.project + " " + plan.main.version.str() + " (" + plan.variant.variant + ")");
  for (const ChosenWheel& extra : plan.extras)
    add(extra, "wheel of " + extra.project + " " + extra.version.str() + " for " + plan.main.project);
  return out;
}

std::optional<PlannedFile> torch_page_file(const std::string& url, const IndexPage& page) {
  std::optional<PageKey> key = page_key(url);
  if (!key) return std::nullopt;
  const IndexFormat format = index_format(page.content_type, page.body);
  SourceFile file{url, page_file_name(key->variant, format), sha256_hex(page.body)};
  return PlannedFile{key->project, {file}, std::nullopt, key->variant + " index page of " + key->project};
}

std::vector<PlannedFile> torch_dependency_files(const TorchWheelPlan& plan, const std::vector<SourceFile>& wheels) {
  std::vector<PlannedFile> out;
  for (const SourceFile& w : wheels)
    out.push_back(PlannedFile{std::string(kTorchWheelsFolder), {w}, std::nullopt,
                              "dependency of " + plan.main.project + " " + plan.main.version.str() + " (" +
                                  plan.variant.variant + ")"});
  return out;
}

std::vector<PlannedFile> plan_files(const Plan& plan, const PrefixLayout& layout, const StackSettings& stack,
                                    const FetchSettings& fetch, Reporter& reporter) {
  std::vector<PlannedFile> out;
  std::set<std::pair<std::string, std::string>> seen;  // (recipe, file name)
  auto add = [&](PlannedFile f) {
    if (seen.insert({f.recipe, f.preferred().file_name}).second) out.push_back(std::move(f));
  };
  for (const PlannedPackage& p : plan.packages) {
    if (p.action != Action::Build) continue;
    std::optional<PlannedFile> pinned = version_file(p);
    if (pinned) add(*pinned);
    if (is_system(p, "cuda-redist"))
      for (PlannedFile& f : redist_files(plan, p, pinned, layout, stack, fetch, reporter)) add(std::move(f));
    if (is_system(p, "pytorch"))
      for (PlannedFile& f : torch_files(p, layout, stack, fetch, reporter)) add(std::move(f));
  }
  return out;
}

std::vector<FetchedFile> fetch_planned_files(const std::vector<PlannedFile>& files, const FetchSettings& fetch,
                                             Reporter& reporter) {
  if (files.empty()) return {};
  std::vector<FetchItem> items;
  for (const PlannedFile& f : files) items.push_back(f.fetch_item());
  std::vector<FetchedFile> fetched = Fetcher(fetch, reporter).fetch_all(items);
  for (std::size_t i = 0; i < files.size(); ++i) {
    std::uint64_t size = std::filesystem::file_size(fetched[i].path);
    if (files[i].size && size != *files[i].size)
      throw Error(fetched[i].file.file_name + " has " + std::to_string(size) + " bytes; its manifest says " +
                      std::to_string(*files[i].size),
                  "its sha256 matched, so the manifest's size is wrong", "correct the size in the manifest or recipe");
  }
  return fetched;
}

std::uint64_t total_size(const std::vector<FetchedFile>& fetched) {
  std::uint64_t sum = 0;
  for (const FetchedFile& f : fetched) sum += std::filesystem::file_size(f.path);
  return sum;
}

}  // namespace userpkg
