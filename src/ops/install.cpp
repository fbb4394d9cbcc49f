#include "ops/install.hpp"

#include <chrono>
#include <map>
#include <optional>

#include "archive/extract.hpp"
#include "build/builder.hpp"
#include "build/post_install_test.hpp"
#include "fetch/fetcher.hpp"
#include "ops/no_space.hpp"
#include "ops/package_kind.hpp"
#include "ops/plan_files.hpp"
#include "ops/profile_changed.hpp"
#include "prefix/generations.hpp"
#include "prefix/install_record.hpp"
#include "prefix/transaction.hpp"
#include "shell/env_script.hpp"
#include "shell/package_env.hpp"
#include "util/error.hpp"
#include "util/fs.hpp"

namespace userpkg {
namespace {

std::vector<const PlannedPackage*> to_build(const Plan& plan) {
  std::vector<const PlannedPackage*> out;
  for (auto& p : plan.packages)
    if (p.action == Action::Build) out.push_back(&p);
  return out;
}

// One entry per package, in order; empty for a package whose version carries no file (pytorch:
// its kind fetches the wheel the index names; a cuda-redist release whose manifest is in the recipe).
std::vector<std::optional<FetchedFile>> fetch_sources(const std::vector<const PlannedPackage*>& packages,
                                                      const FetchSettings& fetch, Reporter& reporter) {
  std::vector<FetchItem> items;
  for (auto* p : packages)
    if (p->version->has_file()) items.push_back(FetchItem{p->name(), source_candidates(*p)});
  std::vector<std::optional<FetchedFile>> out(packages.size());
  if (items.empty()) return out;
  Fetcher fetcher(fetch, reporter);
  auto fetched = fetcher.fetch_all(items);
  for (std::size_t i = 0, next = 0; i < packages.size(); ++i)
    if (packages[i]->version->has_file()) out[i] = std::move(fetched[next++]);
  return out;
}

// How each package this one links against is provided (for flags, rpaths and recipe conditions).
std::vector<DepState> dep_states(const Plan& plan, const PlannedPackage& p, const PrefixLayout& layout) {
  std::vector<DepState> deps;
  for (const PlannedPackage* d : plan.link_closure(p)) {
    DepState s;
    s.name = d->name();
    if (d->action == Action::System) {
      s.from_system = true;
      if (d->system_version) s.version = *d->system_version;
    } else {
      s.version = d->version->version;
      s.prefix = layout.package_dir(d->name(), d->version->version.str());
    }
    deps.push_back(std::move(s));
  }
  return deps;
}

std::vector<std::filesystem::path> tool_paths(const Plan& plan, const PlannedPackage& p, const PrefixLayout& layout) {
  std::vector<std::filesystem::path> out;
  for (auto& name : p.tools) {
    const PlannedPackage* t = plan.find(name);
    if (t && t->action != Action::System) out.push_back(layout.package_dir(name, t->version->version.str()) / "bin");
  }
  return out;
}

std::string now_iso8601() {
  auto t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&t));
  return buf;
}

InstallRecord new_record(const PlannedPackage& p, const std::string& version) {
  InstallRecord rec;
  rec.name = p.name();
  rec.version = version;
  rec.recipe_origin = p.recipe->origin;
  rec.recipe_repo = p.recipe->repo;
  rec.recipe_revision = p.recipe->repo_revision;
  rec.installed_at = now_iso8601();
  rec.explicitly_requested = p.requested;
  return rec;
}

// Written last: a package dir without its record is a leftover, so it goes when the record cannot
// be written (a full disk, a .userpkg link planted in the tree).
void record_or_discard(const PrefixLayout& layout, const PlannedPackage& p, const std::string& version,
                       const InstallRecord& rec) {
  try {
    write_record(layout.record_path(p.name(), version), rec);
  } catch (...) {
    discard_package(layout, p.name(), version);
    throw;
  }
}

// A prebuilt kind puts the package in place; then it is recorded like a built one.
void install_prebuilt(const InstallJob& job, const PlannedPackage& p, const FetchedFile* source, KindInstaller kind,
                      Reporter& reporter) {
  const PrefixLayout& layout = job.layout;
  const std::string version = p.version->version.str();
  reporter.info("==> Installing " + p.name() + " " + version);
  ScopedDir staging(make_staging_dir(layout, p.name() + "-" + version));
  fs::path install_prefix = layout.package_dir(p.name(), version);
  KindOutcome outcome = kind(KindInstall{job, p, source, staging.path(), install_prefix, reporter});
  if (!fs::is_directory(install_prefix))
    throw Error(p.name() + " " + version + ": nothing was installed in " + install_prefix.string(),
                "the " + p.recipe->build.system + " installer finished without creating the package directory",
                "report this with the output above");

  InstallRecord rec = new_record(p, version);
  rec.source_url = outcome.source_url.empty() && source ? source->file.url : outcome.source_url;
  rec.sha256 = outcome.sha256.empty() && source ? source->file.sha256 : outcome.sha256;
  rec.details = std::move(outcome.details);
  for (const PlannedPackage* d : job.plan->link_closure(p))
    if (d->action != Action::System) rec.dependencies.push_back({d->name(), d->version->version.str(), ProvidedBy::prefix});
  rec.env = resolve_package_env(p.recipe->env, install_prefix);
  record_or_discard(layout, p, version, rec);
  reporter.info("==> Installed " + p.name() + " " + version + " in " + install_prefix.string());
}

// Builds one package and puts it in place: staging → build → one rename → tests → record.
void install_package(const InstallJob& job, const PlannedPackage& p, const FetchedFile& source, Reporter& reporter) {
  const PrefixLayout& layout = job.layout;
  const std::string version = p.version->version.str();
  reporter.info("==> Building " + p.name() + " " + version);
  ScopedDir staging(make_staging_dir(layout, p.name() + "-" + version));
  fs::path src = staging.path() / "src", dest = staging.path() / "dest";
  ensure_dir(src);
  ensure_dir(dest);
  reporter.detail("extracting " + source.path.string());
  fs::path source_root = extract_archive(source.path, src);

  BuildRequest req;
  req.recipe = p.recipe;
  req.version = p.version;
  req.source_dir = source_root;
  req.install_prefix = layout.package_dir(p.name(), version);
  req.destdir = dest;
  req.deps = dep_states(*job.plan, p, layout);
  req.tool_paths = tool_paths(*job.plan, p, layout);
  req.regenerate = p.regenerate();
  req.jobs = job.jobs;
  req.scratch_dir = staging.path();
  ensure_dir(layout.logs());
  req.log_path = layout.logs() / (p.name() + "-" + version + ".log");
  std::error_code ec;
  fs::remove(req.log_path, ec);  // one log per build: the last one
  req.read_patch = [&](const std::string& rel) { return job.repos->patch_text(*p.recipe, rel); };
  build_package(req, reporter);

  fs::path staged_tree = dest / req.install_prefix.relative_path();
  if (!fs::is_directory(staged_tree))
    throw Error(p.name() + " " + version + ": `make install` put nothing under " + req.install_prefix.string(),
                "the build ignored the install prefix or DESTDIR", "see the log: " + req.log_path.string());
  commit_package(staged_tree, layout, p.name(), version);
  try {
    run_package_tests(req, reporter);
  } catch (...) {
    discard_package(layout, p.name(), version);
    throw;
  }

  InstallRecord rec = new_record(p, version);
  rec.source_url = source.file.url;
  rec.sha256 = source.file.sha256;
  rec.build_log = req.log_path.string();
  for (auto& d : req.deps)
    rec.dependencies.push_back({d.name, d.version.str(), d.from_system ? ProvidedBy::system : ProvidedBy::prefix});
  rec.env = resolve_package_env(p.recipe->env, req.install_prefix);
  record_or_discard(layout, p, version, rec);
  reporter.info("==> Installed " + p.name() + " " + version + " in " + req.install_prefix.string());
}

bool install_and_switch(const InstallJob& job, Reporter& reporter, std::vector<PackageRef>& installed) {
  auto building = to_build(*job.plan);
  auto sources = fetch_sources(building, job.fetch, reporter);
  for (std::size_t i = 0; i < building.size(); ++i) {
    const FetchedFile* source = sources[i] ? &*sources[i] : nullptr;
    if (KindInstaller kind = prebuilt_kind(building[i]->recipe->build.system))
      install_prebuilt(job, *building[i], source, kind, reporter);
    else
      install_package(job, *building[i], *source, reporter);
    installed.push_back({building[i]->name(), building[i]->version->version.str()});
  }

  // The new generation: what the current one has, with the requested packages added (one version per name).
  std::map<std::string, std::string> packages;
  if (auto current = read_current_generation(job.layout))
    for (auto& pkg : current->packages) packages[pkg.name] = pkg.version;
  std::vector<PackageRef> added;
  for (auto& p : job.plan->packages) {
    if (!p.requested) continue;
    auto it = packages.find(p.name());
    if (it != packages.end() && it->second == p.version->version.str()) continue;
    packages[p.name()] = p.version->version.str();
    added.push_back({p.name(), p.version->version.str()});
  }
  if (added.empty()) return false;
  std::vector<PackageRef> all;
  for (auto& [name, version] : packages) all.push_back({name, version});
  auto result = create_generation(job.layout, all, job.command_line, added, {}, profile_writers());
  installed.clear();  // the current generation refers to them now: never undone
  after_profile_change(job.layout, reporter);
  for (auto& c : result.conflicts)
    reporter.warn(c.program + " of " + c.winner.name + " " + c.winner.version + " shadows the one of " + c.loser.name +
                  " " + c.loser.version);
  reporter.info("==> Generation " + std::to_string(result.generation.number) + ": " + job.layout.bin_link().string() +
                " now holds the programs of " + std::to_string(all.size()) + " package(s)");
  return true;
}

}  // namespace

bool run_install(const InstallJob& job, Reporter& reporter) {
  std::vector<PackageRef> installed;  // by this run, in order
  auto undo = [&] {
    // A full disk leaves the prefix as it was: the packages this run put in place go too (no
    // generation refers to them yet; the failed step removed its own staging and generation).
    for (auto it = installed.rbegin(); it != installed.rend(); ++it) {
      try {
        discard_package(job.layout, it->name, it->version);
      } catch (const Error&) {
        // what cannot be removed now is a leftover that `doctor` names and recovery removes
      }
    }
  };
  try {
    return install_and_switch(job, reporter, installed);
  } catch (const NoSpaceError& e) {
    undo();
    throw no_space_error(e, job.layout);
  } catch (const fs::filesystem_error& e) {
    if (!is_no_space(e.code().value())) throw;
    undo();
    throw no_space_error(NoSpaceError(e.path1().parent_path().string(), 0, e.what(), e.code().message()), job.layout);
  }
}

}  // namespace userpkg
