#include "build/build_failed.hpp"

#include "build/build_log.hpp"
#include "util/strings.hpp"

namespace userpkg {
namespace {

std::string why_text(const std::string& cause, const std::vector<std::string>& tail) {
  if (tail.empty()) return cause;
  return cause + "; the build log ends with:\n" + join(tail, "\n");
}

}  // namespace

BuildFailed::BuildFailed(std::string what, const std::string& cause, const BuildLog& log)
    : Error(std::move(what), why_text(cause, log.tail(kLogTailLines)), "the whole log is " + log.path().string()),
      log_path_(log.path()),
      log_tail_(log.tail(kLogTailLines)) {}

}  // namespace userpkg
