// `[build] system = "pip"`: pip for a target Python (--python; by default the newest userpkg
// python). The verified wheel (or the one --wheelhouse holds, see python/pip_wheelhouse.hpp) goes
// into that interpreter; pkgs/pip/<version> holds only userpkg's record of it.
#include <filesystem>

#include "build/build_failed.hpp"
#include "build/build_log.hpp"
#include "build/build_step.hpp"
#include "ops/install.hpp"
#include "ops/package_kind.hpp"
#include "shell/startup_watch.hpp"
#include "python/pip_environment.hpp"
#include "python/pip_support.hpp"
#include "python/pip_target.hpp"
#include "python/target_python.hpp"
#include "util/error.hpp"
#include "util/fs.hpp"
#include "util/process.hpp"
#include "util/strings.hpp"

namespace userpkg {
namespace fs = std::filesystem;
namespace {

std::vector<std::string> wheel_install(const fs::path& python, const fs::path& wheel, PipScope scope) {
  // A wheel is a zip Python can run: pip-X.whl/pip is pip X itself, so any pip, or none, can be
  // replaced by exactly X without an index.
  std::vector<std::string> argv{python.string(), (wheel / "pip").string(), "install", "--no-index", "--no-deps",
                                "--no-cache-dir", "--no-warn-script-location"};
  if (scope == PipScope::User) argv.push_back("--user");
  argv.push_back(wheel.string());
  return argv;
}

std::vector<std::string> ensurepip(const fs::path& python, PipScope scope) {
  std::vector<std::string> argv{python.string(), "-m", "ensurepip", "--default-pip"};
  if (scope == PipScope::User) argv.push_back("--user");
  return argv;
}

// Where the wheel came from and what vouches for it.
std::string wheel_provenance(const KindInstall& in) {
  const RecipeVersion* published = in.package.recipe->find_version(in.package.version->version);
  const std::string& sha = in.source->file.sha256;
  if (published && published->primary.sha256 == sha && published->primary.url == in.source->file.url)
    return "verified against its published sha256";
  if (published && published->primary.sha256 == sha) return "from --wheelhouse, identical to the published wheel (sha256)";
  return "from --wheelhouse, trusted as given (its sha256 is not the published one: a rebuilt wheel, "
         "e.g. Debian's python3-pip-whl)";
}

}  // namespace

KindOutcome install_pip(const KindInstall& in) {
  if (!in.source) throw Error("internal error: the pip wheel was not fetched");
  const Version& wanted = in.package.version->version;
  TargetPython target = resolve_target_python(in.job.stack.python, in.job.layout);
  std::string python_option = in.job.stack.python.empty() ? "" : "--python " + in.job.stack.python;
  // The plan already chose a pip for this python (cli/install.cpp); this catches what it could not
  // (the python was not installed yet when the plan was made).
  if (!pip_supports_python(wanted, target.version))
    choose_pip(target.version, VersionConstraint::parse(wanted.str()), {wanted}, python_option);

  PipTargetFacts facts = probe_pip_target(target.executable);
  PipScope scope = choose_pip_scope(facts, target.executable);
  PipBootstrap how = choose_pip_bootstrap(facts.pip_version, target.has_ensurepip, wanted);
  in.reporter.info("pip " + wanted.str() + " for " + target.executable.string() + " (Python " + target.version.str() +
                   "): " + bootstrap_name(how) +
                   (scope == PipScope::User ? ", with --user (" + facts.purelib.string() + " is not writable)" : ""));

  // The wheel keeps its name: pip reads name and version from it.
  fs::path wheel = in.staging / in.source->file.file_name;
  fs::copy_file(in.source->path, wheel, fs::copy_options::overwrite_existing);
  fs::path log_path = in.job.layout.logs() / ("pip-" + wanted.str() + ".log");
  std::error_code ec;
  fs::remove(log_path, ec);  // one log per install: the last one
  BuildLog log(log_path);
  const StepRunner run{"pip " + wanted.str(), in.staging, pip_environment(Environment::current()), log};
  std::string before = facts.pip_version.empty() ? "none" : facts.pip_version;
  std::string bootstrap = bootstrap_name(how);
  const StartupWatch startup_watch(Environment::current());
  auto report_startup_changes = [&] {
    for (const std::string& w : startup_watch.warnings("pip " + wanted.str())) in.reporter.warn(w);
  };
  try {
    if (how == PipBootstrap::Ensurepip) {
      run.run("ensurepip of " + target.executable.string(), ensurepip(target.executable, scope));
      std::string bundled = probe_pip_target(target.executable).pip_version;
      bootstrap += " (its pip " + bundled + ")";
      if (bundled != wanted.str()) {
        bootstrap += ", then the wheel";
        run.run("installing pip " + wanted.str() + " over ensurepip's " + bundled,
                 wheel_install(target.executable, wheel, scope));
      }
    } else if (how != PipBootstrap::AlreadyThere) {
      run.run("installing pip " + wanted.str() + " from its wheel", wheel_install(target.executable, wheel, scope));
    }
  } catch (const BuildFailed& e) {
    report_startup_changes();
    throw Error(e.what(), e.why() + "\n(pip before this install: " + before + "; " + target.executable.string() +
                              " may now hold a partly installed pip: `userpkg install pip` again repairs it)",
                e.hint());
  }

  report_startup_changes();
  ProcessOptions check_options;
  check_options.environment = run.env;
  auto check = capture_process({target.executable.string(), "-m", "pip", "--version"}, check_options);
  std::string got = parse_pip_version_output(check.output);
  if (check.status != 0 || got != wanted.str())
    throw Error("pip " + wanted.str() + " is not what " + target.executable.string() + " -m pip runs",
                check.status != 0 ? "`python -m pip --version` failed: " + std::string(trim(check.output))
                                  : "it says: " + std::string(trim(check.output)),
                scope == PipScope::User ? "another pip earlier on its sys.path shadows the one in " + facts.purelib.string()
                                        : "see the log: " + log_path.string());

  ensure_dir(in.install_prefix);  // holds only the record: pip itself lives in the target python
  KindOutcome out;
  out.details["target_python"] = target.executable.string();
  out.details["python_version"] = target.version.str();
  out.details["bootstrap"] = bootstrap;
  out.details["pip_before"] = before;
  out.details["scope"] = scope == PipScope::User ? "user (--user)" : "environment";
  out.details["site_packages"] = facts.purelib.string();
  out.details["wheel"] = how == PipBootstrap::AlreadyThere ? "not needed" : wheel_provenance(in);
  out.details["pip_version_check"] = std::string(trim(check.output));
  if (how != PipBootstrap::AlreadyThere) out.details["log"] = log_path.string();
  return out;
}

}  // namespace userpkg
