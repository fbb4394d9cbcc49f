#pragma once
// STUB until the build branch lands.
#include <optional>
#include <string>

#include "core/recipe.hpp"
#include "util/environment.hpp"

namespace userpkg {
struct SystemStatus {
  bool usable = false;
  std::optional<Version> version;
  std::string why_not;
};
SystemStatus probe_system(const SystemProbe& probe, const VersionConstraint& wanted, const Environment& env);
}  // namespace userpkg
