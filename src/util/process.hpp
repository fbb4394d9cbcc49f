#pragma once
// Running child programs: no shell in between unless the caller asks for /bin/sh explicitly.
// Every child runs in its own process group under limits (time, silence, output size); when it has
// exited or is stopped, whatever is left of its group is ended (SIGTERM, then SIGKILL) and named.
#include <chrono>
#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "util/environment.hpp"

namespace userpkg {

using Millis = std::chrono::milliseconds;

// 0 means no limit.
struct ProcessLimits {
  Millis time{0};            // the whole run
  Millis idle{0};            // no new output for this long (output to a regular file, or captured)
  std::size_t output = 0;    // bytes of output
  std::string time_setting;  // the variable that sets `time`, for messages ("USERPKG_PROBE_TIMEOUT")
  std::string idle_setting;
};

// The limits a child gets when its caller names none: cli/ sets them once from the settings
// (README, "Time limits"); tests set small ones.
struct DefaultProcessLimits {
  // capture_process: `python -c`, `conda --version`, cc -E, git
  ProcessLimits probe{Millis(60'000), Millis(0), std::size_t(16) << 20, "USERPKG_PROBE_TIMEOUT", ""};
  // run_process: configure, make, installers, pip, [test]: hours are legitimate, an hour of silence is not
  ProcessLimits build{Millis(0), Millis(60 * 60'000), std::size_t(4) << 30, "USERPKG_BUILD_TIMEOUT",
                      "USERPKG_BUILD_IDLE_TIMEOUT"};
  // capture_process of long work whose output is kept in memory: git clone, pip install/download
  ProcessLimits tool{Millis(0), Millis(60 * 60'000), std::size_t(64) << 20, "USERPKG_BUILD_TIMEOUT",
                     "USERPKG_BUILD_IDLE_TIMEOUT"};
  Millis grace{2'000};  // SIGTERM to SIGKILL
  Millis drain{1'000};  // reading the pipe after the child exited (a grandchild may hold it open)
};
void set_default_process_limits(const DefaultProcessLimits& limits);
const DefaultProcessLimits& default_process_limits();

class Reporter;
// Where the warning about processes a child left behind goes (cli/ sets its reporter; null: nowhere).
void set_process_reporter(Reporter* reporter);

struct ProcessOptions {
  std::filesystem::path cwd;               // empty: inherit
  std::optional<Environment> environment;  // empty: inherit
  int output_fd = -1;                      // stdout and stderr go here; -1: inherit
  bool stdin_null = true;                  // builds must never wait for input
  std::optional<ProcessLimits> limits;     // empty: the default for probes or builds
};

enum class ProcessEnd {
  exited,        // on its own (status: its exit status, or 128 + signal)
  time_limit,    // stopped: ran longer than limits.time
  idle_limit,    // stopped: printed nothing for limits.idle
  output_limit,  // stopped: printed more than limits.output
  interrupted,   // stopped: userpkg itself got SIGINT/SIGTERM/SIGHUP (it re-raises it afterwards)
};

struct ProcessResult {
  int status = -1;  // exit status, or 128 + signal number if it was killed
  ProcessEnd end = ProcessEnd::exited;
  ProcessLimits limits;                  // the limits it ran under
  std::vector<std::string> left_behind;  // "name (pid N)" of processes of its group still running after it, ended
};

// "exited with status 2", "was stopped: still running after 60 s (USERPKG_PROBE_TIMEOUT)", … for messages.
std::string describe_end(const ProcessResult& result);

// Runs argv[0] (looked up on PATH of the child's environment) and waits. Throws Error if the
// program cannot be started.
ProcessResult run_process(const std::vector<std::string>& argv, const ProcessOptions& options = {});

struct CapturedOutput : ProcessResult {
  std::string output;  // stdout and stderr together, at most limits.output bytes
};

// Like run_process, but collects the output. Returns status 127 if the program does not exist.
CapturedOutput capture_process(const std::vector<std::string>& argv, const ProcessOptions& options = {});

// Finds a program on a PATH-style list; empty if not found.
std::filesystem::path find_program(const std::string& name, const std::string& path_list);

}  // namespace userpkg
