#pragma once
// The I/O of cuda-redist packages (CUDA, cuDNN): the release's manifest, the driver check, the
// component archives downloaded and verified, extracted and merged into one tree. Used by the
// install kind (ops/kind_cuda_redist.cpp), ops/plan_files (what `fetch` and `mirror create` get) and
// `userpkg install` when a release is already installed with other components.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/plan.hpp"
#include "cuda/merge_plan.hpp"
#include "cuda/redist_choice.hpp"
#include "fetch/fetch_item.hpp"
#include "fetch/fetch_settings.hpp"
#include "ops/stack_settings.hpp"
#include "platform/nvidia_driver.hpp"
#include "prefix/layout.hpp"
#include "util/reporter.hpp"

namespace userpkg {

// The release's manifest: the one the recipe carries, else the version's fetched file (verified by
// the recipe's sha256 before it got here).
cuda::RedistManifest load_redist_manifest(const PlannedPackage& package, const FetchedFile* fetched);

// Everything decided before a download: the archives, the CUDA variant, the driver verdict.
struct RedistDecision {
  cuda::RedistChoice choice;
  std::string platform;             // "linux-x86_64"
  std::optional<int> cuda_major;    // for per-CUDA builds (cuDNN)
  std::string cuda_major_why;
  std::string driver_note;          // to show; empty: nothing to say
};

// Chooses the archives and checks the driver (throws its refusal unless stack.force).
// `cuda_in_prefix`: the CUDA toolkit of this install or the prefix, for cuDNN's variant.
RedistDecision decide_redist(const PlannedPackage& package, const cuda::RedistManifest& manifest,
                             const StackSettings& stack, const NvidiaDriver& driver,
                             const std::optional<Version>& cuda_in_prefix);

// The CUDA toolkit a cuDNN-style package goes with: "cuda" in this plan, else the newest installed.
std::optional<Version> cuda_toolkit_for(const Plan& plan, const PrefixLayout& layout);

// Downloads (or takes from the cache or a mirror, <mirror>/<recipe>/<archive>) each archive,
// verified by its sha256, and checks its size. One result per entry, in order.
std::vector<FetchedFile> fetch_redist_archives(const std::string& recipe, const std::string& product,
                                               const std::vector<cuda::RedistEntry>& entries,
                                               const std::string& redist_root, const FetchSettings& fetch,
                                               Reporter& reporter);

// Extracts each archive under work/, strips its top folder and merges them into `tree` (which must
// not exist) per cuda::plan_merge: collisions with different content are refused, lib64 -> lib.
// An entry with a strip ("nvidia/nccl" for a wheel) merges only that folder of its archive
// (cuda::select_subtree); else the whole archive below its one top folder.
cuda::MergePlan merge_redist_archives(const std::vector<cuda::RedistEntry>& entries,
                                      const std::vector<FetchedFile>& archives, const std::filesystem::path& work,
                                      const std::filesystem::path& tree, Reporter& reporter);

// `userpkg install cuda@12.1 +cublas` where cuda 12.1 is installed without cublas: the plan reuses
// the installed copy, which would silently lack what was asked for. Throws Error explaining it.
void check_reused_redist_components(const Plan& plan, const PrefixLayout& layout, Reporter& reporter);

}  // namespace userpkg
