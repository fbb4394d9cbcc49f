// [build] system = "cuda-redist": a CUDA release (or cuDNN) from NVIDIA's redistributable
// archives, merged into one tree pkgs/<name>/<version>. See ops/cuda_redist.hpp for the steps.
#include "cuda/merge_plan.hpp"
#include "ops/cuda_redist.hpp"
#include "ops/install.hpp"
#include "ops/package_kind.hpp"
#include "prefix/transaction.hpp"
#include "util/strings.hpp"

namespace userpkg {

KindOutcome install_cuda_redist(const KindInstall& in) {
  const PlannedPackage& p = in.package;
  const std::string version = p.version->version.str();
  cuda::RedistManifest manifest = load_redist_manifest(p, in.source);

  // Before any archive is downloaded: can this machine's driver run it?
  NvidiaDriver driver = detect_nvidia_driver(DriverProbe{Environment::current()});
  RedistDecision d = decide_redist(p, manifest, in.job.stack, driver, cuda_toolkit_for(*in.job.plan, in.job.layout));
  if (!d.driver_note.empty()) in.reporter.warn(d.driver_note);
  in.reporter.info(p.name() + " " + manifest.release_label + " for " + d.platform + ": " + join(d.choice.names, ", ") +
                   (d.cuda_major ? " (CUDA " + std::to_string(*d.cuda_major) + " build: " + d.cuda_major_why + ")"
                                 : std::string()));

  std::vector<FetchedFile> archives = fetch_redist_archives(p.name(), p.recipe->redist.product, d.choice.entries,
                                                            in.job.stack.cuda_redist, in.job.fetch, in.reporter);
  const std::filesystem::path tree = in.staging / "tree";
  cuda::MergePlan plan = merge_redist_archives(d.choice.entries, archives, in.staging / "extract", tree, in.reporter);
  commit_package(tree, in.job.layout, p.name(), version);  // one rename: all of it or nothing

  KindOutcome out;
  out.details["components"] = join(d.choice.names, ", ");
  out.details["manifest_keys"] = join(d.choice.keys, ", ");
  out.details["release_label"] = manifest.release_label;
  out.details["platform"] = d.platform;
  out.details["driver"] = describe_driver(driver);
  out.details["runtime_library_dirs"] = join(cuda::runtime_library_dirs(plan), ":");
  if (d.cuda_major) out.details["cuda_variant"] = "cuda" + std::to_string(*d.cuda_major) + " (" + d.cuda_major_why + ")";
  if (in.job.stack.force && !d.driver_note.empty()) out.details["forced"] = d.driver_note;
  return out;
}

}  // namespace userpkg
