// [build] system = "installer": runs a verified self-extracting installer (Miniconda's) in batch
// mode straight into pkgs/<name>/<version>. Conda bakes its prefix into files, so the installer
// must run on the final path (no staging + rename); a failure removes that directory completely.
#include "build/build_failed.hpp"
#include "build/build_log.hpp"
#include "build/build_step.hpp"
#include "ops/install.hpp"
#include "ops/installer_checks.hpp"
#include "ops/package_kind.hpp"
#include "platform/machine.hpp"
#include "prefix/transaction.hpp"
#include "shell/startup_watch.hpp"
#include "util/error.hpp"
#include "util/fs.hpp"
#include "util/process.hpp"
#include "util/strings.hpp"

namespace userpkg {
namespace {

namespace fs = std::filesystem;

// Removes the package directory unless the install got to the end (then keep() is called).
class PartialInstallGuard {
 public:
  PartialInstallGuard(const PrefixLayout& layout, std::string name, std::string version)
      : layout_(layout), name_(std::move(name)), version_(std::move(version)) {}
  PartialInstallGuard(const PartialInstallGuard&) = delete;
  PartialInstallGuard& operator=(const PartialInstallGuard&) = delete;
  ~PartialInstallGuard() {
    if (kept_) return;
    try {
      discard_package(layout_, name_, version_);  // rename away first: it vanishes at once
    } catch (...) {
      remove_tree(layout_.package_dir(name_, version_));
    }
    std::error_code ec;  // pkgs/<name>/ too, if this was its only version
    if (fs::is_empty(layout_.pkgs() / name_, ec) && !ec) fs::remove(layout_.pkgs() / name_, ec);
  }
  void keep() { kept_ = true; }

 private:
  const PrefixLayout& layout_;
  std::string name_, version_;
  bool kept_ = false;
};

void check_architecture(const KindInstall& in, const std::string& label) {
  const std::string arch = installer_architecture(in.source->file.file_name);
  const MachineArch machine = detect_arch();
  if (!installer_fits_machine(arch, machine.machine))
    throw Error("cannot install " + label + " on this " + machine.machine + " machine",
                "the recipe lists only " + arch + " installers (" + in.source->file.file_name + ")",
                "install it on an " + arch + " machine, or use a recipe (USERPKG_RECIPE_PATH) that lists the " +
                    machine.machine + " installers with their sha256");
}

std::string conda_version_of(const fs::path& prefix, const Environment& env, const std::string& label) {
  const fs::path conda = prefix / "condabin" / "conda";
  if (!fs::exists(conda))
    throw Error(label + ": the installer finished but " + conda.string() + " is missing",
                "this does not look like a Miniconda installer", "check the recipe's [source] URL");
  ProcessOptions options;
  options.environment = env;
  auto out = capture_process({conda.string(), "--version"}, options);
  auto version = out.status == 0 ? conda_version_from(out.output) : std::nullopt;
  if (!version)
    throw Error(label + ": the installed conda does not run",
                "`" + conda.string() + " --version` " + describe_end(out) +
                    " and printed: " + std::string(trim(out.output)),
                "the installer may not suit this machine; see the installer's log");
  return *version;
}

}  // namespace

KindOutcome install_with_installer(const KindInstall& in) {
  const std::string name = in.package.name(), version = in.package.version->version.str();
  const std::string label = name + " " + version;
  if (!in.source)
    throw Error(label + ": no installer was fetched", "its recipe lists no file for this version",
                "give the version a url and sha256 in the recipe");
  check_architecture(in, label);
  if (fs::exists(fs::symlink_status(in.install_prefix)))
    throw Error(label + ": " + in.install_prefix.string() + " exists already",
                "it is not a complete install (it has no install record)",
                "run `userpkg doctor` to clean up leftovers, then install again");

  const fs::path home = in.staging / "home", tmp = in.staging / "tmp";
  ensure_dir(home);
  ensure_dir(tmp);
  ensure_dir(in.install_prefix.parent_path());
  const Environment env = installer_environment(Environment::current(), home, tmp);

  const PrefixLayout& layout = in.job.layout;
  ensure_dir(layout.logs());
  BuildLog log(layout.logs() / (name + "-" + version + ".log"));
  log.line("==== running the installer " + in.source->path.string() + " for " + label + " into " +
           in.install_prefix.string());

  in.reporter.info("    running " + in.source->file.file_name + " -b -p " + in.install_prefix.string());
  PartialInstallGuard guard(layout, name, version);  // from here on, a failure leaves no directory
  StepRunner runner{label, in.staging, env, log};
  // The scratch HOME stops installers that honour HOME; one that finds the real HOME anyway is seen here.
  const StartupWatch startup_watch(Environment::current());
  auto report_startup_changes = [&] {
    for (const std::string& w : startup_watch.warnings("the installer " + in.source->file.file_name)) {
      in.reporter.warn(w);
      log.line("warning: " + w);
    }
  };
  try {
    runner.run("installer", {"bash", in.source->path.string(), "-b", "-p", in.install_prefix.string()});
  } catch (...) {
    report_startup_changes();
    throw;
  }
  report_startup_changes();
  const std::string conda_version = conda_version_of(in.install_prefix, env, label);
  log.line("==== installed conda " + conda_version);
  guard.keep();

  const fs::path profile = in.install_prefix / "etc" / "profile.d" / "conda.sh";
  in.reporter.info("    conda " + conda_version + " is on PATH through " + (in.install_prefix / "condabin").string() +
                   " (its base python is not)");
  in.reporter.info("    `conda activate` works in shells that load userpkg's env (shell init, `userpkg env`, the "
                   "modulefile), which source " + shell_quote(profile.string()) + "; userpkg changed no rc file");

  KindOutcome out;
  out.details["installer"] = in.source->file.file_name;
  out.details["conda"] = conda_version;
  out.details["activate"] = "source " + profile.string();
  out.details["log"] = log.path().string();
  return out;
}

}  // namespace userpkg
