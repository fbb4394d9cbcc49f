#pragma once
// Turns specs into a Plan: newest matching version, dependencies in build order, what the system
// or the prefix already provides. The questions that need I/O are asked through ResolveQueries,
// so the resolver itself is pure and unit-tested with fakes.
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/plan.hpp"
#include "core/repo.hpp"
#include "core/spec.hpp"

namespace userpkg {

struct SystemCheck {
  bool usable = false;
  std::optional<Version> version;
  std::string why_not;
};

struct InstalledDependency {
  std::string name;
  std::string version;
  bool from_system = false;
};

struct ResolveQueries {
  // Is the system's copy of this recipe usable at this constraint?
  std::function<SystemCheck(const Recipe&, const VersionConstraint&)> system;
  // Versions of this recipe installed in the prefix.
  std::function<std::vector<Version>(const std::string& name)> installed;
  // What an installed package was built against (from its install record).
  std::function<std::vector<InstalledDependency>(const std::string& name, const Version& version)> installed_deps;
  // Can this source be had without the network (cache, local mirror)? Only asked when offline.
  std::function<bool(const Recipe&, const SourceFile&)> available_offline;
};

struct ResolveOptions {
  BuildDeps build_deps;
  bool offline = false;
  std::string source_kind;  // for the requested packages: "" or e.g. "git-archive"
};

// The recipe a spec names: from its repository when it names one (lab/python), else the winner.
const Recipe& recipe_for(const Spec& spec, const RepoStack& repos);

Plan resolve(const std::vector<Spec>& specs, const RepoStack& repos, const ResolveOptions& options,
             const ResolveQueries& queries);

}  // namespace userpkg
