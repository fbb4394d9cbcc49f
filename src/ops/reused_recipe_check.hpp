#pragma once
// A package the plan reuses may have been installed from another repository's recipe than the one
// that wins now (a lab repo added later, or `lab/python` asked for while the built-in one is
// installed). Its directory pkgs/<name>/<version> is the same, so it is kept; say so.
#include "core/plan.hpp"
#include "prefix/layout.hpp"
#include "util/reporter.hpp"

namespace userpkg {

void warn_reused_from_other_repo(const Plan& plan, const PrefixLayout& layout, Reporter& reporter);

}  // namespace userpkg
