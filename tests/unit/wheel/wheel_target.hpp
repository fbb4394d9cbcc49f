#pragma once
// The wheel tests' target machine: CPython 3.<minor> on glibc 2.<glibc_minor>.
#include <string>

#include "wheel/tags.hpp"

namespace userpkg::test {

inline WheelTarget wheel_target(int minor, int glibc_minor, std::string arch = "x86_64") {
  WheelTarget t;
  t.python_minor = minor;
  t.glibc_minor = glibc_minor;
  t.arch = std::move(arch);
  return t;
}

}  // namespace userpkg::test
