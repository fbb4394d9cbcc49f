#pragma once
// Running one step of a build: its command line goes to the log first, its output after it;
// a non-zero exit becomes BuildFailed with the log's tail.
#include <filesystem>
#include <string>
#include <vector>

#include "build/build_log.hpp"
#include "util/environment.hpp"

namespace userpkg {

struct StepRunner {
  std::string package;  // "python 3.11.2", for messages
  std::filesystem::path cwd;
  Environment env;
  BuildLog& log;

  // Throws BuildFailed naming the step if the command exits non-zero or cannot start.
  void run(const std::string& step, const std::vector<std::string>& argv) const;
};

}  // namespace userpkg
