#pragma once
// What follows every change of the current generation (install, uninstall, rollback, switch):
// the files derived from the profile are brought up to date. Call with the PrefixLock held.
#include "prefix/layout.hpp"
#include "util/reporter.hpp"

namespace userpkg {

void after_profile_change(const PrefixLayout& layout, Reporter& reporter);

}  // namespace userpkg
