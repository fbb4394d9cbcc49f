#pragma once
// A package spec as typed on the command line: "python", "python@3.8", "git@2.30:2.39".
#include <string>

#include "core/version.hpp"

namespace userpkg {

struct Spec {
  std::string text;  // as typed
  std::string name;
  VersionConstraint constraint;
};

Spec parse_spec(const std::string& text);  // throws Error with an example of the syntax

}  // namespace userpkg
