#pragma once
// Where pip takes packages from, as pip options: wheelhouses (the way clusters such as the
// Alliance's ship wheels) or an index mirror; pure.
#include <string>
#include <vector>

#include "ops/stack_settings.hpp"

namespace userpkg {

// Wheelhouses given: --no-index --find-links DIR for each (never an index as well: a wheelhouse
// is often all a compute node can reach). Else --index-url URL when set. Else nothing (pip's own).
std::vector<std::string> pip_source_args(const StackSettings& stack);

// Why a wheelhouse cannot be used ("it is a symlink loop", "it does not exist", "it is not a
// directory"); empty when it is a readable directory or a URL (not file://). pip itself skips such
// a --find-links silently.
std::string wheelhouse_problem(const std::string& wheelhouse);
// Throws Error naming the first wheelhouse with a problem.
void check_wheelhouses(const std::vector<std::string>& wheelhouses);

}  // namespace userpkg
