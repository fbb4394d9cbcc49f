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

}  // namespace userpkg
