#pragma once
// Which pip runs on which Python: pip's published Requires-Python as data, and the choice of the
// pip version for a target interpreter; pure.
#include <optional>
#include <string>
#include <vector>

#include "core/version.hpp"

namespace userpkg {

// The Pythons (major.minor) a pip release runs on: from `oldest` up to `newest` (none: no limit).
struct PipPythonRange {
  Version oldest;                 // Requires-Python >= this
  std::optional<Version> newest;  // inclusive; a known break, not in Requires-Python
  std::string str() const;        // ">=3.7", ">=3.7, <=3.11"
};

PipPythonRange pip_python_range(const Version& pip);
bool pip_supports_python(const Version& pip, const Version& python);

// The newest of `available` that runs on `python`; none if none does.
std::optional<Version> newest_pip_for(const Version& python, const std::vector<Version>& available);

// The pip to install: the newest of `available` that `requested` allows and that runs on
// `python`. Throws Error when there is none, naming the newest pip that would work and the
// command for it; python_option is how the user named the interpreter ("--python /usr/bin/python3.6").
Version choose_pip(const Version& python, const VersionConstraint& requested, const std::vector<Version>& available,
                   const std::string& python_option);

}  // namespace userpkg
