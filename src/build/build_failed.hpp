#pragma once
// A build (or post-install test) step failed: carries the log's path and its last lines, which
// are also in why() for callers that only print an Error.
#include <filesystem>
#include <string>
#include <vector>

#include "util/error.hpp"

namespace userpkg {

class BuildLog;

class BuildFailed : public Error {
 public:
  BuildFailed(std::string what, const std::string& cause, const BuildLog& log);

  const std::filesystem::path& log_path() const { return log_path_; }
  const std::vector<std::string>& log_tail() const { return log_tail_; }

 private:
  std::filesystem::path log_path_;
  std::vector<std::string> log_tail_;
};

inline constexpr std::size_t kLogTailLines = 30;

}  // namespace userpkg
