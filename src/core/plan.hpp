#pragma once
// The plan: what an install will fetch, build, reuse, or take from the system, in build order.
// Printed before anything changes; --dry-run stops after printing it.
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/recipe.hpp"

namespace userpkg {

enum class Action {
  Build,   // fetch, build and install into the prefix
  Reuse,   // already installed in the prefix
  System,  // the system's copy is usable (only for dependencies)
};

struct PlannedPackage {
  const Recipe* recipe = nullptr;
  const RecipeVersion* version = nullptr;  // for System: the recipe version we would have built
  Action action = Action::Build;
  std::string source_kind;                 // "" (release) or a recipe source kind, e.g. "git-archive"
  bool requested = false;                  // named on the command line
  bool tool = false;                       // only needed to build something (autoconf…)
  std::optional<Version> system_version;   // for System, when known
  std::string reason;                      // why this action (e.g. why the system copy is not usable)
  std::vector<std::string> depends;        // direct link dependencies (names of other plan entries)
  std::vector<std::string> tools;          // build tools (names of other plan entries)
  std::string options;                     // the spec's options ("+nvcc +cublas"); requested packages only

  const std::string& name() const { return recipe->name; }
  const SourceFile& source() const;        // the file to fetch for a Build
  bool regenerate() const;                 // the chosen source ships no ./configure
};

struct Plan {
  std::vector<PlannedPackage> packages;  // dependencies before dependents
  const PlannedPackage* find(const std::string& name) const;
  // Every package this one links against, transitively, that is in the plan (deepest first).
  std::vector<const PlannedPackage*> link_closure(const PlannedPackage& p) const;
};

enum class BuildDepsPolicy { Missing, Always, Never };

// --build-deps=missing|always|never|NAME,NAME…
struct BuildDeps {
  BuildDepsPolicy policy = BuildDepsPolicy::Missing;
  std::set<std::string> from_source;  // always built from source, whatever the policy
  static BuildDeps parse(const std::string& text);
};

}  // namespace userpkg

namespace userpkg {
// The plan as lines for people: action, name, version, and why (pure; cli/ prints them).
std::vector<std::string> describe_plan(const Plan& plan);
}  // namespace userpkg
