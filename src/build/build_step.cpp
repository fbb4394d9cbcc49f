#include "build/build_step.hpp"

#include "build/build_failed.hpp"
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
    throw BuildFailed(step + " of " + package + " failed: cannot run " + argv.at(0), e.why(), log);
  }
  if (result.end != ProcessEnd::exited) {
    log.line("==> [" + step + "] " + describe_end(result));
    throw BuildFailed(step + " of " + package + " failed", "`" + shown + "` " + describe_end(result), log);
  }
  for (auto& left : result.left_behind) log.line("==> [" + step + "] left running, ended: " + left);
  log.line("==> [" + step + "] exit status " + std::to_string(result.status));
  if (result.status != 0)
    throw BuildFailed(step + " of " + package + " failed", "`" + shown + "` exited with status " + std::to_string(result.status), log);
}

}  // namespace userpkg
