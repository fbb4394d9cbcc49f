#pragma once
// Every file a plan needs from the network, listed once, for `userpkg fetch` (into the download
// cache) and `userpkg mirror create` (into a mirror directory): what the plan needs is exactly
// what gets fetched. Sources of the packages it builds, the manifests and component archives of
// cuda-redist packages, pip wheels (recipe files), for a pytorch package the index pages it reads,
// the wheels it picks and the wheels of their dependencies (resolved by the target python's pip).
// Patches come from the recipe repositories and are not listed.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/plan.hpp"
#include "cuda/redist_entry.hpp"
#include "fetch/fetch_item.hpp"
#include "fetch/fetch_settings.hpp"
#include "ops/stack_settings.hpp"
#include "prefix/layout.hpp"
#include "torch/index_page.hpp"
#include "torch/wheel_plan.hpp"
#include "util/reporter.hpp"

namespace userpkg {

struct PlannedFile {
  std::string recipe;                  // mirror folder: <mirror>/<recipe>/<file name>
  std::vector<SourceFile> candidates;  // the same content in other formats: any one verified will do, first preferred
  std::optional<std::uint64_t> size;   // when published (CUDA manifests); checked after the download
  std::string purpose;                 // for people: "source of hello 2.0"

  const SourceFile& preferred() const { return candidates.front(); }
  FetchItem fetch_item() const { return FetchItem{recipe, candidates}; }
};

// The files of a source package: its chosen source, then the release's other formats (only for
// the release kind: another --source kind has no alternates). Pure.
std::vector<SourceFile> source_candidates(const PlannedPackage& package);

// The file the package's version pins (source, pip wheel, cuda-redist manifest); nullopt for a
// version without one (pytorch; a manifest the recipe carries). Pure.
std::optional<PlannedFile> version_file(const PlannedPackage& package);

// The component archives a cuda-redist decision chose, as <mirror>/<recipe>/<archive>. Pure.
std::vector<PlannedFile> redist_archive_files(const PlannedPackage& package,
                                              const std::vector<cuda::RedistEntry>& entries,
                                              const std::string& redist_root);

// The wheels a pytorch plan installs (verified ones: an unverified wheel cannot be cached or
// mirrored), as <mirror>/<project>/<wheel>. Pure.
std::vector<PlannedFile> torch_wheel_files(const TorchWheelPlan& plan);

// The index page a pytorch plan read, as a file of <mirror>/<project>/<variant>.index.html|json
// (torch/mirror_layout.hpp), its sha256 the served body's; nullopt for a URL without <variant>/<project>. Pure.
std::optional<PlannedFile> torch_page_file(const std::string& url, const IndexPage& page);

// The wheels pip resolved for a pytorch plan besides its own, as <mirror>/pytorch-wheels/<wheel>. Pure.
std::vector<PlannedFile> torch_dependency_files(const TorchWheelPlan& plan, const std::vector<SourceFile>& wheels);

// Every file the plan's Build packages need, in plan order, each (recipe, file name) once. Reads
// what the choice depends on: a cuda-redist manifest (fetched, verified, into the cache), a
// pytorch index page (stored in the cache) and the target python; for pytorch it also fetches the
// chosen wheels into the cache and runs the target python's `pip download` for their dependencies
// (torch/dependency_wheels.hpp), so those are in the cache too. The choice is made for any driver (as with --force):
// the machine that installs checks its own. Throws Error when a choice cannot be made.
std::vector<PlannedFile> plan_files(const Plan& plan, const PrefixLayout& layout, const StackSettings& stack,
                                    const FetchSettings& fetch, Reporter& reporter);

// Gets each file verified (cache, mirrors, then upstream unless offline) and checks published
// sizes. One result per file, in order; Error listing every file that could not be had.
std::vector<FetchedFile> fetch_planned_files(const std::vector<PlannedFile>& files, const FetchSettings& fetch,
                                             Reporter& reporter);

// Sum of the sizes on disk of fetched files.
std::uint64_t total_size(const std::vector<FetchedFile>& fetched);

}  // namespace userpkg
