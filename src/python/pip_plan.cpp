#include "python/pip_plan.hpp"

#include <algorithm>

#include "fetch/download_cache.hpp"
#include "fetch/sha256.hpp"
#include "python/pip_sources.hpp"
#include "python/pip_support.hpp"
#include "python/pip_target.hpp"
#include "python/target_python.hpp"
#include "util/error.hpp"
#include "util/fs.hpp"

namespace userpkg {
namespace fs = std::filesystem;
namespace {

bool is_pip_kind(const Recipe* r) { return r && r->build.system == "pip"; }

std::string python_option(const StackSettings& stack) { return stack.python.empty() ? "" : "--python " + stack.python; }

bool in_wheelhouses(const std::string& file_name, const std::vector<std::string>& wheelhouses) {
  std::error_code ec;
  return std::any_of(wheelhouses.begin(), wheelhouses.end(),
                     [&](const std::string& dir) { return fs::is_regular_file(fs::path(dir) / file_name, ec); });
}

}  // namespace

void narrow_pip_specs(std::vector<Spec>& specs, const RepoStack& repos, const StackSettings& stack,
                      TargetPythonOnce& python) {
  bool installs_python = std::any_of(specs.begin(), specs.end(), [](const Spec& s) { return s.name == "python"; });
  for (auto& spec : specs) {
    const Recipe* recipe = spec.repo.empty() ? repos.find(spec.name) : &repos.get_from(spec.repo, spec.name);
    if (!is_pip_kind(recipe)) continue;
    const TargetPython* target = nullptr;
    try {
      target = &python.get();
    } catch (const Error&) {
      if (stack.python.empty() && installs_python) continue;  // the python comes with this command
      throw;
    }
    check_wheelhouses(stack.wheelhouses);
    // A wheelhouse is often all a compute node can reach: prefer the pips it holds, if any fits.
    std::vector<Version> available, held;
    for (auto& rv : recipe->versions) {
      available.push_back(rv.version);
      if (in_wheelhouses(rv.primary.file_name, stack.wheelhouses) && spec.constraint.matches(rv.version) &&
          pip_supports_python(rv.version, target->version))
        held.push_back(rv.version);
    }
    if (!held.empty()) available = held;
    Version chosen = choose_pip(target->version, spec.constraint, available, python_option(stack));
    spec.constraint = VersionConstraint::parse(chosen.str() + ":" + chosen.str());
  }
}

void recheck_reused_pip(Plan& plan, TargetPythonOnce& python) {
  for (auto& p : plan.packages) {
    if (p.action != Action::Reuse || !is_pip_kind(p.recipe)) continue;
    const TargetPython& target = python.get();
    std::string there = probe_pip_target(target.executable).pip_version;
    if (there == p.version->version.str()) continue;
    p.action = Action::Build;
    p.reason = target.executable.string() + " has " + (there.empty() ? "no pip" : "pip " + there);
  }
}

void take_pip_wheels_from_wheelhouses(Plan& plan, const StackSettings& stack, const FetchSettings& fetch,
                                      std::list<RecipeVersion>& storage, Reporter& reporter) {
  if (stack.wheelhouses.empty()) return;
  for (auto& p : plan.packages) {
    if (p.action != Action::Build || !is_pip_kind(p.recipe)) continue;
    const std::string& name = p.version->primary.file_name;
    for (auto& dir : stack.wheelhouses) {
      fs::path wheel = fs::path(dir) / name;
      std::error_code ec;
      if (!fs::is_regular_file(wheel, ec)) continue;
      RecipeVersion& local = storage.emplace_back(*p.version);
      local.primary = SourceFile{"file://" + fs::absolute(wheel).string(), name, sha256_file(wheel)};
      local.alternates.clear();
      DownloadCache cache(fetch.cache_dir);
      if (!cache.verified(local.primary)) {
        fs::path cached = cache.final_path(local.primary);
        ensure_dir(cached.parent_path());
        fs::path part = cache.part_path(local.primary);
        fs::copy_file(wheel, part, fs::copy_options::overwrite_existing);
        rename_path(part, cached);
      }
      p.version = &local;
      reporter.info("pip " + p.version->version.str() + ": the wheel comes from --wheelhouse " + wheel.string() +
                    (local.primary.sha256 == p.recipe->find_version(local.version)->primary.sha256
                         ? " (identical to the published one)"
                         : " (not the published wheel: trusted because the wheelhouse names it)"));
      break;
    }
  }
}

}  // namespace userpkg
