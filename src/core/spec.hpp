#pragma once
// A package spec as typed on the command line: "python", "python@3.8", "git@2.30:2.39", and
// "lab/python@3.8" for the recipe of one repository.
#include <string>
#include <vector>

#include "core/version.hpp"

namespace userpkg {

struct Spec {
  std::string text;  // as typed
  std::string name;
  std::string repo;  // "lab" in lab/python@3.8; "" = whichever repository wins
  VersionConstraint constraint;
  // Options written after the spec as separate words, e.g. "+nvcc +cublas" for
  // `cuda@12.1 +nvcc +cublas` (CUDA components); "" when none. Only cuda-redist recipes take them.
  std::string options;
};

Spec parse_spec(const std::string& text);  // throws Error with an example of the syntax

// The words of a command line: a word starting with '+' or '~' is an option of the spec before it.
std::vector<Spec> parse_specs(const std::vector<std::string>& words);

}  // namespace userpkg
