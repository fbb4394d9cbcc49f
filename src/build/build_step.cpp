#include "build/build_step.hpp"

#include "build/build_failed.hpp"
#include "build/build_log.hpp"
#include "platform/disk_space.hpp"
#include "util/no_space.hpp"
#include "util/error.hpp"
#include "util/process.hpp"
#include "util/strings.hpp"

namespace userpkg {
namespace {

std::string command_line(const std::vector<std::string>& argv) {
  std::vector<std::string> quoted;
  for (auto& a : argv) quoted.push_back(shell_quote(a));
  return join(quoted, " ");
}

// Whether a failed step ran out of room: the log could not be written, or the file system the step
// wrote to is (nearly) full now. A log that merely mentions "No space left on device" while the
// prefix has room is about another file system (the build's TMPDIR, say): that stays a build
// failure, whose log tail shows it.
bool ran_out_of_space(const BuildLog& log, const std::filesystem::path& cwd) {
  if (log.out_of_space()) return true;
  constexpr std::uint64_t kAlmostFull = 256 * 1024;
  std::optional<DiskSpace> space = disk_space(cwd);
  return space && space->free_bytes < kAlmostFull;
}

[[noreturn]] void step_failed(const std::string& what, const std::string& cause, const BuildLog& log,
                              const std::filesystem::path& cwd) {
  if (ran_out_of_space(log, cwd))
    throw NoSpaceError(cwd.string(), 0, what, cause + " (log: " + log.path().string() + ")");
  throw BuildFailed(what, cause, log);
}

}  // namespace

void StepRunner::run(const std::string& step, const std::vector<std::string>& argv) const {
  std::string shown = command_line(argv);
  log.line("==> [" + step + "] in " + cwd.string());
  log.line("$ " + shown);
  ProcessOptions options;
  options.cwd = cwd;
  options.environment = env;
  options.output_fd = log.fd();
  ProcessResult result;
  try {
    result = run_process(argv, options);
  } catch (const Error& e) {
    log.line(std::string("cannot start: ") + e.what() + ": " + e.why());
    step_failed(step + " of " + package + " failed: cannot run " + argv.at(0), e.why(), log, cwd);
  }
  if (result.end != ProcessEnd::exited) {
    log.line("==> [" + step + "] " + describe_end(result));
    step_failed(step + " of " + package + " failed", "`" + shown + "` " + describe_end(result), log, cwd);
  }
  for (auto& left : result.left_behind) log.line("==> [" + step + "] left running, ended: " + left);
  log.line("==> [" + step + "] exit status " + std::to_string(result.status));
  if (result.status != 0)
    step_failed(step + " of " + package + " failed", "`" + shown + "` exited with status " + std::to_string(result.status), log, cwd);
}

}  // namespace userpkg
