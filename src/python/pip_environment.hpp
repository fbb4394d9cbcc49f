#pragma once
// The environment userpkg runs a target python's pip in: pip reads its own settings from config
// files and PIP_* variables (PIP_USER, PIP_TARGET, PIP_EXTRA_INDEX_URL, PIP_REQUIRE_VIRTUALENV…),
// and none of them may redirect, widen or refuse what userpkg asked for.
#include "util/environment.hpp"

namespace userpkg {

// `inherited` without PIP_* variables, with pip's config files, version check and prompts off.
Environment pip_environment(const Environment& inherited);

}  // namespace userpkg
