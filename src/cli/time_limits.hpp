#pragma once
// How long userpkg waits for the programs it runs and the servers it reads (README, "Time limits"):
// defaults, replaced by USERPKG_*_TIMEOUT variables, resolved once into plain values.
#include <chrono>

#include "util/process.hpp"

namespace userpkg {

struct TimeLimits {
  DefaultProcessLimits processes;
  std::chrono::seconds stall{60};  // a transfer slower than 1 KB/s for this long is given up (USERPKG_STALL_TIMEOUT)
  std::chrono::seconds page{120};  // a whole index page or manifest (USERPKG_PAGE_TIMEOUT)
};

// The defaults with the environment's USERPKG_PROBE_TIMEOUT, USERPKG_BUILD_TIMEOUT,
// USERPKG_BUILD_IDLE_TIMEOUT, USERPKG_STALL_TIMEOUT and USERPKG_PAGE_TIMEOUT (whole seconds; 0 = no
// limit for the build ones). A malformed value is an Error naming the variable.
TimeLimits time_limits_from_environment();

}  // namespace userpkg
