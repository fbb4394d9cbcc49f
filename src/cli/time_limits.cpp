#include "cli/time_limits.hpp"

#include <charconv>

#include "util/environment.hpp"
#include "util/error.hpp"

namespace userpkg {
namespace {

constexpr long kMaxSeconds = 30L * 24 * 3600;  // a month: beyond that "no limit" (0) is what is meant

// The variable's value in seconds, or nullopt when it is unset.
std::optional<long> seconds_of(const char* name, bool zero_allowed) {
  auto text = env_value(name);
  if (!text) return std::nullopt;
  long value = -1;
  auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (ec != std::errc() || end != text->data() + text->size() || value < (zero_allowed ? 0 : 1) || value > kMaxSeconds)
    throw Error(std::string(name) + "=" + *text + " is not a time limit",
                std::string("it must be a whole number of seconds from ") + (zero_allowed ? "0 (no limit)" : "1") +
                    " to " + std::to_string(kMaxSeconds),
                std::string("set it to e.g. 600, or unset it for the default (README, \"Time limits\")"));
  return value;
}

}  // namespace

TimeLimits time_limits_from_environment() {
  TimeLimits t;
  if (auto s = seconds_of("USERPKG_PROBE_TIMEOUT", false)) t.processes.probe.time = std::chrono::seconds(*s);
  if (auto s = seconds_of("USERPKG_BUILD_TIMEOUT", true)) {
    t.processes.build.time = std::chrono::seconds(*s);
    t.processes.tool.time = std::chrono::seconds(*s);
  }
  if (auto s = seconds_of("USERPKG_BUILD_IDLE_TIMEOUT", true)) {
    t.processes.build.idle = std::chrono::seconds(*s);
    t.processes.tool.idle = std::chrono::seconds(*s);
  }
  if (auto s = seconds_of("USERPKG_STALL_TIMEOUT", false)) t.stall = std::chrono::seconds(*s);
  if (auto s = seconds_of("USERPKG_PAGE_TIMEOUT", false)) t.page = std::chrono::seconds(*s);
  return t;
}

}  // namespace userpkg
