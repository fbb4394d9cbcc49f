#pragma once
// `userpkg doctor`: gathers the facts (environment, prefix, ELF files, startup files, network) and
// runs every check over them. The checks themselves are pure functions in doctor/*_check.hpp.
#include <filesystem>

#include "doctor/finding.hpp"
#include "prefix/layout.hpp"
#include "util/environment.hpp"

namespace userpkg {

struct DoctorInput {
  PrefixLayout layout;
  Environment env;
  std::filesystem::path home;
  std::filesystem::path zdotdir;  // $ZDOTDIR, else home
  int proxy_timeout_ms = 1000;
};

Report run_doctor(const DoctorInput& input);

}  // namespace userpkg
