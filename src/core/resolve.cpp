#include "core/resolve.hpp"

#include <algorithm>
#include <map>

#include "util/error.hpp"
#include "util/strings.hpp"

namespace userpkg {
namespace {

std::string version_list(const Recipe& r) {
  std::vector<std::string> vs;
  for (auto& v : r.versions) vs.push_back(v.version.str());
  return join(vs, ", ");
}

class Resolver {
 public:
  Resolver(const RepoStack& repos, const ResolveOptions& options, const ResolveQueries& queries)
      : repos_(repos), options_(options), q_(queries) {}

  void request(const Spec& spec) {
    const Recipe& recipe = recipe_for(spec, repos_);
    if (auto it = index_.find(recipe.name); it != index_.end() && plan_.packages[it->second].recipe != &recipe)
      throw Error(spec.text + " and " + plan_.packages[it->second].recipe->origin + " are two recipes for " +
                      recipe.name + " in one plan",
                  "a plan holds one copy of each package",
                  "install them with separate commands, or name the same repository for both");
    // Checked here, not only when a version is chosen: an installed package is reused without
    // choosing, and a misspelt kind must not pass silently.
    if (!options_.source_kind.empty() && !recipe.kinds.count(options_.source_kind)) {
      std::vector<std::string> known;
      for (auto& [kind, _] : recipe.kinds) known.push_back(kind);
      throw Error(recipe.name + " has no source kind '" + options_.source_kind + "'",
                  known.empty() ? "its recipe lists only the release files"
                                : "its recipe knows these kinds: " + join(known, ", "),
                  "leave out --source, or give one of the kinds the recipe lists (" + recipe.origin + ")");
    }
    if (!spec.options.empty() && recipe.build.system != "cuda-redist")
      throw Error(recipe.name + " takes no options such as '" + spec.options + "'",
                  "+name / ~name choose the components of a CUDA release (recipes with [build] system cuda-redist)",
                  "leave the options out");
    add(recipe, spec.constraint, /*requested=*/true, /*tool=*/false, options_.source_kind, nullptr, "");
    if (!spec.options.empty()) plan_.packages[index_.at(recipe.name)].options = spec.options;
  }

  Plan take() { return std::move(plan_); }

 private:
  // Newest version matching the constraint; offline, the newest one whose source can be had offline.
  const RecipeVersion& choose_version(const Recipe& recipe, const VersionConstraint& c, const std::string& kind,
                                      const std::string& spec_text) {
    std::vector<const RecipeVersion*> matching;
    for (auto& v : recipe.versions)
      if (c.matches(v.version) && (kind.empty() || v.kinds.count(kind))) matching.push_back(&v);
    if (matching.empty()) {
      if (!kind.empty())
        throw Error("no version of " + recipe.name + " matching '" + c.str() + "' has a " + kind + " source",
                    "the recipe lists a verified " + kind + " checksum for none of them", "leave out --source " + kind);
      throw Error("no version of " + recipe.name + " matches '" + spec_text + "'",
                  "available: " + version_list(recipe), "pick one of the available versions");
    }
    if (options_.offline && q_.available_offline) {
      for (auto* v : matching) {
        if (!kind.empty() && q_.available_offline(recipe, v->kinds.at(kind))) return *v;
        if (kind.empty()) {
          if (q_.available_offline(recipe, v->primary)) return *v;
          for (auto& alt : v->alternates)
            if (q_.available_offline(recipe, alt)) return *v;
        }
      }
    }
    return *matching.front();
  }

  bool must_build_from_source(const std::string& name) const {
    return options_.build_deps.policy == BuildDepsPolicy::Always || options_.build_deps.from_source.count(name);
  }

  // Adds recipe (and, first, what it needs) to the plan; returns the plan entry's name.
  void add(const Recipe& recipe, const VersionConstraint& constraint, bool requested, bool tool,
           const std::string& kind, const Dependency* as_dep, const std::string& needed_by) {
    if (auto it = index_.find(recipe.name); it != index_.end()) {
      PlannedPackage& existing = plan_.packages[it->second];
      check_compatible(existing, constraint, needed_by);
      existing.requested = existing.requested || requested;
      existing.tool = existing.tool && tool;
      return;
    }
    if (on_path_.count(recipe.name))
      throw Error("recipes depend on each other in a cycle through " + recipe.name, "",
                  "fix the [depends] of " + recipe.name + " or of what it depends on");

    PlannedPackage p;
    p.recipe = &recipe;
    p.requested = requested;
    p.tool = tool;
    p.source_kind = kind;
    std::string spec_text = recipe.name + (constraint.is_any() ? "" : "@" + constraint.str());

    // The versions to build at (or reuse) if it comes from source.
    VersionConstraint wanted = constraint;
    if (as_dep && as_dep->build_constraints.size() && current_) {
      for (auto& [when, build_at] : as_dep->build_constraints)
        if (when.matches(*current_)) {
          wanted = build_at;
          break;
        }
    }
    // Already installed in the prefix at a matching version: reuse it (the newest such).
    if (q_.installed) {
      auto have = q_.installed(recipe.name);
      std::sort(have.begin(), have.end(), [](auto& a, auto& b) { return a > b; });
      for (auto& v : have) {
        const RecipeVersion* rv = recipe.find_version(v);
        if (wanted.matches(v) && rv) {
          p.version = rv;
          p.action = Action::Reuse;
          p.reason = "already installed";
          add_recorded_dependencies(p, tool);
          return push(std::move(p));
        }
      }
    }

    // A dependency the system may provide.
    if (as_dep && as_dep->system_ok && !must_build_from_source(recipe.name)) {
      SystemCheck check = q_.system ? q_.system(recipe, constraint) : SystemCheck{};
      if (check.usable) {
        p.action = Action::System;
        p.system_version = check.version;
        p.version = &recipe.versions.front();
        p.reason = "from the system" + (check.version ? " (" + check.version->str() + ")" : std::string());
        return push(std::move(p));
      }
      if (options_.build_deps.policy == BuildDepsPolicy::Never)
        throw Error(needed_by + " needs " + recipe.name + (as_dep->purpose.empty() ? "" : " for " + as_dep->purpose) +
                        ", and the system's copy is not usable",
                    check.why_not,
                    "install the system's development package for " + recipe.name + ", or let userpkg build it: "
                    "--build-deps=missing (the default) or --build-deps=" + recipe.name);
      p.reason = "system copy not usable: " + check.why_not;
    } else if (as_dep && must_build_from_source(recipe.name)) {
      p.reason = "built from source (--build-deps)";
    }

    // Build it.
    p.version = &choose_version(recipe, wanted, kind, spec_text);
    p.action = Action::Build;
    if (!constraint.matches(p.version->version))
      throw Error(recipe.name + " " + p.version->version.str() + " does not satisfy " + needed_by + "'s constraint '" +
                  constraint.str() + "'", "", "fix the recipe's [depends] build versions");

    add_dependencies(p, tool, /*with_tools=*/true);
    push(std::move(p));
  }

  // An installed package's dependencies are what it was built against, as its record says: no
  // system probes (they run the compiler), so a no-op install stays fast.
  void add_recorded_dependencies(PlannedPackage& p, bool tool) {
    if (!q_.installed_deps) return add_dependencies(p, tool, /*with_tools=*/false);
    for (auto& d : q_.installed_deps(p.name(), p.version->version)) {
      const Recipe* dep = repos_.find(d.name);
      if (!dep) continue;  // a recipe that has gone away: nothing to plan for it
      p.depends.push_back(d.name);
      if (index_.count(d.name)) continue;
      if (d.from_system) {
        PlannedPackage s;
        s.recipe = dep;
        s.version = &dep->versions.front();
        s.action = Action::System;
        s.system_version = Version::try_parse(d.version);
        s.reason = "from the system (when " + p.name() + " was built)";
        push(std::move(s));
      } else {
        add(*dep, VersionConstraint::parse(d.version), false, tool, "", nullptr, p.name());
      }
    }
  }

  // Adds what p links against (and, for a build from a source without ./configure, the tools to
  // regenerate it) ahead of p.
  void add_dependencies(PlannedPackage& p, bool tool, bool with_tools) {
    const Recipe& recipe = *p.recipe;
    on_path_.insert(recipe.name);
    const Version* saved = current_;
    current_ = &p.version->version;
    for (auto& dep : recipe.depends) {
      add(repos_.get(dep.name), dep.constraint, false, tool, "", &dep, recipe.name);
      p.depends.push_back(dep.name);
    }
    if (with_tools && p.regenerate()) {
      for (auto& text : recipe.build.regenerate_depends) {
        Spec tool_spec = parse_spec(text);  // "autoconf@2.69:": a system copy older than that is built anew
        Dependency tool_dep{tool_spec.name, tool_spec.constraint, true, "regenerating " + recipe.name + "'s configure script", {}};
        add(repos_.get(tool_spec.name), tool_spec.constraint, false, true, "", &tool_dep, recipe.name);
        p.tools.push_back(tool_spec.name);
      }
    }
    current_ = saved;
    on_path_.erase(recipe.name);
  }

  void check_compatible(const PlannedPackage& existing, const VersionConstraint& c, const std::string& needed_by) {
    Version have = existing.action == Action::System && existing.system_version ? *existing.system_version
                                                                                 : existing.version->version;
    if (existing.action == Action::System && !existing.system_version) return;
    if (!c.matches(have))
      throw Error(needed_by + " needs " + existing.name() + "@" + c.str() + " but the plan already has " +
                      existing.name() + " " + have.str(),
                  "one prefix install uses one version of each package", "install them in separate commands");
  }

  void push(PlannedPackage p) {
    index_[p.name()] = plan_.packages.size();
    plan_.packages.push_back(std::move(p));
  }

  const RepoStack& repos_;
  const ResolveOptions& options_;
  const ResolveQueries& q_;
  Plan plan_;
  std::map<std::string, std::size_t> index_;
  std::set<std::string> on_path_;
  const Version* current_ = nullptr;  // version of the package whose dependencies are being added
};

}  // namespace

const Recipe& recipe_for(const Spec& spec, const RepoStack& repos) {
  return spec.repo.empty() ? repos.get(spec.name) : repos.get_from(spec.repo, spec.name);
}

Plan resolve(const std::vector<Spec>& specs, const RepoStack& repos, const ResolveOptions& options,
             const ResolveQueries& queries) {
  Resolver r(repos, options, queries);
  for (auto& s : specs) r.request(s);
  return r.take();
}

}  // namespace userpkg
