// The "pytorch" kind: torch, torchvision, torchaudio from a PyTorch-style wheel index. Chooses the
// variant and the wheel (torch/wheel_plan; the index page from a mirror when one has it, which is
// how --offline works), downloads it verified by the index's sha256 into the cache (or takes it
// from a mirror), installs it with the target python's pip, and checks `import torch` in a fresh
// process.
// pkgs/<name>/<version>/ holds only the install record: the files live in the target python.
#include <cstdio>

#include "build/build_log.hpp"
#include "fetch/fetcher.hpp"
#include "ops/install.hpp"
#include "ops/package_kind.hpp"
#include "python/pip_environment.hpp"
#include "python/pip_sources.hpp"
#include "shell/startup_watch.hpp"
#include "torch/dependency_hashes.hpp"
#include "torch/dependency_wheels.hpp"
#include "torch/import_check.hpp"
#include "torch/mirror_layout.hpp"
#include "torch/wheel_plan.hpp"
#include "util/error.hpp"
#include "util/fs.hpp"
#include "util/process.hpp"
#include "util/strings.hpp"

namespace userpkg {
namespace {

// The wheels, verified, in the download cache (or a mirror). A wheel published without a sha256
// (allowed by --allow-unverified) cannot go through the cache: pip is handed its URL.
std::vector<std::string> fetch_wheels(const KindInstall& in, const std::vector<const ChosenWheel*>& wheels) {
  std::vector<FetchItem> items;
  for (const ChosenWheel* w : wheels)
    if (w->wheel.verified())
      items.push_back({w->project, {SourceFile{w->wheel.file.url, w->wheel.file.file_name, w->wheel.file.sha256}}});
  Fetcher fetcher(in.job.fetch, in.reporter);
  std::vector<FetchedFile> fetched = fetcher.fetch_all(items);
  std::vector<std::string> out;
  std::size_t next = 0;
  for (const ChosenWheel* w : wheels) {
    if (w->wheel.verified()) {
      out.push_back(fetched[next++].path.string());
    } else {
      in.reporter.warn(w->wheel.file.file_name + " is not verified: the index publishes " +
                       (w->wheel.file.bad_sha256.empty() ? std::string("no sha256") : std::string("a malformed sha256")) +
                       " for it (--allow-unverified)");
      out.push_back(w->wheel.file.url);
    }
  }
  return out;
}

// Says which dependencies pip installed without a sha256 published for them (online, from an index).
void warn_unhashed_dependencies(const KindInstall& in, const TorchWheelPlan& plan, const std::string& pip_output) {
  std::optional<std::string> index = dependency_index(in.job.stack, in.job.fetch.offline, plan.variant.variant);
  if (!index) return;
  std::vector<DependencyRef> refs;
  for (DependencyRef& ref : pip_installed(pip_output)) {
    const std::string project = normalize_project_name(ref.project);
    bool planned = project == normalize_project_name(plan.main.project);
    for (const ChosenWheel& extra : plan.extras) planned = planned || project == normalize_project_name(extra.project);
    if (!planned) refs.push_back(std::move(ref));
  }
  HashCheck check = check_dependency_hashes(refs, *index, [&](const std::string& url) {
    in.reporter.detail("reading " + url + " (the published sha256 of a dependency)");
    return fetch_index_page(url, in.job.fetch);
  });
  for (const std::string& dep : check.unverified)
    in.reporter.warn(dep + " is not verified: the index publishes no sha256 for it, so pip installed it as it came");
  for (const std::string& line : check.unchecked) in.reporter.detail("cannot check the published sha256 of " + line);
}

// pip install of the files; torch itself is always a file here, never from PyPI. Dependencies
// (torch/dependency_wheels.hpp): online from the configured wheelhouse/index, else the variant's
// own index (download.pytorch.org/whl/<variant> also serves torch's dependencies); offline only
// from the wheelhouses and the mirrors' pytorch-wheels/ (`mirror create` puts them there), with
// --no-index.
void pip_install(const KindInstall& in, const TorchFacts& facts, const TorchWheelPlan& plan,
                 const std::vector<std::string>& files) {
  std::vector<std::string> argv{facts.python.executable.string(), "-m", "pip", "install",
                                "--disable-pip-version-check", "--no-input"};
  argv.insert(argv.end(), files.begin(), files.end());
  const bool offline = in.job.fetch.offline;
  std::vector<std::string> sources =
      torch_dependency_sources(in.job.stack, offline, mirror_wheel_dirs(in.job.fetch), plan.variant.variant);
  argv.insert(argv.end(), sources.begin(), sources.end());
  in.reporter.info("running " + join(argv, " "));
  ProcessOptions options;
  options.cwd = in.staging;
  options.environment = pip_environment(Environment::current());  // no PIP_EXTRA_INDEX_URL & co.
  options.limits = default_process_limits().tool;
  const StartupWatch startup_watch(Environment::current());
  CapturedOutput out = capture_process(argv, options);
  if (out.end != ProcessEnd::exited) out.output += "\npip " + describe_end(out);
  for (const std::string& line : split(out.output, '\n', true)) in.reporter.detail(line);
  for (const std::string& w : startup_watch.warnings("pip install")) in.reporter.warn(w);
  if (out.status == 0) {
    warn_unhashed_dependencies(in, plan, out.output);
    return;
  }
  std::string hint = "check that the wheelhouse / index holds the dependencies named above";
  if (offline)
    hint = "offline, torch's dependencies come only from --wheelhouse and the mirrors' " +
           std::string(kTorchWheelsFolder) + "/ folders: make the mirror on a machine with network with `userpkg "
           "mirror create DIR " + in.package.name() + "@" + in.package.version->version.str() +
           " --python PYTHON` (the same --cuda), then --mirror DIR";
  else if (in.job.stack.wheelhouses.empty() && in.job.stack.index_url.empty())
    hint = "a dependency may be missing from the index: give --wheelhouse DIR or --index-url URL";
  throw Error("pip could not install " + plan.main.wheel.file.file_name + " into " + facts.python.executable.string(),
              join(last_lines(out.output, 15), "\n"), hint);
}

}  // namespace

KindOutcome install_pytorch(const KindInstall& in) {
  const std::string project = in.package.name();
  const Version& version = in.package.version->version;
  check_wheelhouses(in.job.stack.wheelhouses);
  TorchFacts facts = gather_torch_facts(in.job.stack, in.job.layout, Environment::current());
  if (!facts.python.has_pip)
    throw Error("cannot install " + project + " into " + facts.python.executable.string(), "that python has no pip",
                "userpkg install pip --python " + facts.python.executable.string());

  TorchWheelPlan plan = plan_torch_wheel(project, version, in.job.stack, facts, [&](const std::string& url) {
    in.reporter.detail("reading " + url);
    return fetch_index_page(url, in.job.fetch);
  });
  for (const std::string& line : describe_plan(plan, facts)) in.reporter.info(line);
  for (const std::string& line : skipped_files_lines(plan)) in.reporter.detail(line);

  std::vector<const ChosenWheel*> wheels{&plan.main};
  for (const ChosenWheel& extra : plan.extras) wheels.push_back(&extra);
  pip_install(in, facts, plan, fetch_wheels(in, wheels));

  TorchImport imported = run_import_check(facts.python.executable, project, in.staging);
  ImportVerdict verdict = judge_import(imported, facts.driver, Environment::current().get("CUDA_VISIBLE_DEVICES"));
  in.reporter.info("import check: " + verdict.summary);
  for (const std::string& note : verdict.notes) in.reporter.warn(note);
  if (project != "torch") in.reporter.info("import check: " + project + " " + imported.project_version);

  ensure_dir(in.install_prefix);  // holds only the record: the files are the target python's
  KindOutcome outcome;
  outcome.source_url = plan.main.wheel.file.url;
  outcome.sha256 = plan.main.wheel.file.sha256;
  outcome.details = {{"target_python", facts.python.executable.string()},
                     {"python_version", facts.python.version.str()},
                     {"variant", plan.variant.variant},
                     {"wheel", plan.main.wheel.file.file_name},
                     {"sha256", plan.main.wheel.verified() ? plan.main.wheel.file.sha256 : "unverified"},
                     {"index_page", plan.main.page_url},
                     {"torch_version", imported.torch_version},
                     {"torch_cuda", imported.cuda.empty() ? "none" : imported.cuda},
                     {"gpu_visible", imported.gpu_available ? std::to_string(imported.gpu_count) : "0"}};
  for (const ChosenWheel& extra : plan.extras) outcome.details["with_wheel"] = extra.wheel.file.file_name;
  return outcome;
}

}  // namespace userpkg
