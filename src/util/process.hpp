#pragma once
// Running child programs: no shell in between unless the caller asks for /bin/sh explicitly.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "util/environment.hpp"

namespace userpkg {

struct ProcessOptions {
  std::filesystem::path cwd;               // empty: inherit
  std::optional<Environment> environment;  // empty: inherit
  int output_fd = -1;                      // stdout and stderr go here; -1: inherit
  bool stdin_null = true;                  // builds must never wait for input
};

// Runs argv[0] (looked up on PATH of the child's environment) and waits. Returns the exit status,
// or 128 + signal number if it was killed. Throws Error if the program cannot be started.
int run_process(const std::vector<std::string>& argv, const ProcessOptions& options = {});

struct CapturedOutput {
  int status = -1;
  std::string output;  // stdout and stderr together
};

// Like run_process, but collects the output. Returns status 127 if the program does not exist.
CapturedOutput capture_process(const std::vector<std::string>& argv, const ProcessOptions& options = {});

// Finds a program on a PATH-style list; empty if not found.
std::filesystem::path find_program(const std::string& name, const std::string& path_list);

}  // namespace userpkg
