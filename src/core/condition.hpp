#pragma once
// Conditions on recipe settings, as pure values: "[[build.when]] if = "@3.8 openssl:system"" and
// patches' "when = "@:3.9"".
//   Space-separated terms; all must hold (an empty condition always holds).
//     @RANGE        the package's own version matches the VersionConstraint RANGE
//     DEP@RANGE     the resolved dependency DEP's version matches RANGE
//     DEP:built     DEP is built into the prefix
//     DEP:system    DEP is provided by the system
//   A dependency that is not among the resolved ones makes its term false (not an error): recipes
//   may mention optional dependencies. Malformed terms are Errors (validate_condition).
#include <filesystem>
#include <string>
#include <vector>

#include "core/version.hpp"

namespace userpkg {

// How one resolved dependency is provided.
struct DepState {
  std::string name;
  Version version;  // default-constructed (empty str()) when unknown, e.g. a system copy without a version
  bool from_system = false;
  std::filesystem::path prefix;  // its install prefix; empty when from the system
};

struct ConditionTerm {
  enum class Kind { own_version, dep_version, dep_built, dep_system };
  Kind kind = Kind::own_version;
  std::string dep;           // empty for own_version
  VersionConstraint range;   // for own_version / dep_version
};

// Throws Error naming the bad term.
std::vector<ConditionTerm> parse_condition(const std::string& condition);
void validate_condition(const std::string& condition);

bool term_holds(const ConditionTerm& term, const Version& own, const std::vector<DepState>& deps);
// Throws Error if the condition is malformed.
bool condition_holds(const std::string& condition, const Version& own, const std::vector<DepState>& deps);

}  // namespace userpkg
