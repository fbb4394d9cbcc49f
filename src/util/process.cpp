#include "util/process.hpp"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>

#include "util/error.hpp"
#include "util/strings.hpp"

namespace userpkg {
namespace {

std::vector<char*> c_strings(std::vector<std::string>& strings) {
  std::vector<char*> out;
  for (auto& s : strings) out.push_back(s.data());
  out.push_back(nullptr);
  return out;
}

int wait_for(pid_t pid) {
  int status = 0;
  while (waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) return -1;
  }
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return -1;
}

// Spawns without waiting; returns the pid. exec failure of a missing program yields exit 127.
pid_t spawn(const std::vector<std::string>& argv, const ProcessOptions& options, int out_fd) {
  if (argv.empty()) throw Error("internal error: empty command line");
  Environment env = options.environment ? *options.environment : Environment::current();
  std::string path_list = env.get("PATH").value_or("/usr/local/bin:/usr/bin:/bin");
  std::filesystem::path program = argv[0].find('/') != std::string::npos
                                      ? std::filesystem::path(argv[0])
                                      : find_program(argv[0], path_list);
  if (program.empty()) program = argv[0];

  std::vector<std::string> args = argv;
  std::vector<std::string> envs = env.to_strings();
  auto arg_ptrs = c_strings(args);
  auto env_ptrs = c_strings(envs);

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  if (options.stdin_null) posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  if (out_fd >= 0) {
    posix_spawn_file_actions_adddup2(&actions, out_fd, 1);
    posix_spawn_file_actions_adddup2(&actions, out_fd, 2);
  }
  if (!options.cwd.empty()) posix_spawn_file_actions_addchdir_np(&actions, options.cwd.c_str());

  pid_t pid = 0;
  int rc = posix_spawn(&pid, program.c_str(), &actions, nullptr, arg_ptrs.data(), env_ptrs.data());
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0)
    throw Error("cannot run " + argv[0], errno_text(rc),
                rc == ENOENT ? "install " + argv[0] + " or put it on PATH" : "");
  return pid;
}

}  // namespace

std::filesystem::path find_program(const std::string& name, const std::string& path_list) {
  for (auto& dir : split(path_list, ':', true)) {
    std::filesystem::path candidate = std::filesystem::path(dir) / name;
    if (access(candidate.c_str(), X_OK) == 0 && !std::filesystem::is_directory(candidate)) return candidate;
  }
  return {};
}

int run_process(const std::vector<std::string>& argv, const ProcessOptions& options) {
  return wait_for(spawn(argv, options, options.output_fd));
}

CapturedOutput capture_process(const std::vector<std::string>& argv, const ProcessOptions& options) {
  int fds[2];
  if (pipe2(fds, O_CLOEXEC) != 0) throw Error("cannot create a pipe", errno_text(errno));
  pid_t pid;
  try {
    pid = spawn(argv, options, fds[1]);
  } catch (const Error&) {
    close(fds[0]);
    close(fds[1]);
    return {127, {}};
  }
  close(fds[1]);
  CapturedOutput result;
  char buf[4096];
  ssize_t n;
  while ((n = read(fds[0], buf, sizeof buf)) != 0) {
    if (n < 0) {
      if (errno == EINTR) continue;
      break;
    }
    result.output.append(buf, static_cast<std::size_t>(n));
  }
  close(fds[0]);
  result.status = wait_for(pid);
  return result;
}

}  // namespace userpkg
