#include "util/process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <mutex>
#include <thread>

#include "util/error.hpp"
#include "util/process_group.hpp"
#include "util/reporter.hpp"
#include "util/strings.hpp"

namespace userpkg {
namespace {

using Clock = std::chrono::steady_clock;
constexpr Millis kTick{100};  // how often limits and interrupts are looked at while nothing happens

std::mutex g_defaults_mutex;
DefaultProcessLimits g_defaults;
Reporter* g_reporter = nullptr;

std::vector<char*> c_strings(std::vector<std::string>& strings) {
  std::vector<char*> out;
  for (auto& s : strings) out.push_back(s.data());
  out.push_back(nullptr);
  return out;
}

int decode(int status) {
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return -1;
}

// Spawns without waiting, as the leader of a new process group; returns the pid.
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
  posix_spawnattr_t attributes;
  posix_spawnattr_init(&attributes);
  posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK);
  posix_spawnattr_setpgroup(&attributes, 0);
  sigset_t none;
  sigemptyset(&none);
  posix_spawnattr_setsigmask(&attributes, &none);

  pid_t pid = 0;
  int rc = posix_spawn(&pid, program.c_str(), &actions, &attributes, arg_ptrs.data(), env_ptrs.data());
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attributes);
  if (rc != 0)
    throw Error("cannot run " + argv[0], errno_text(rc),
                rc == ENOENT ? "install " + argv[0] + " or put it on PATH" : "");
  return pid;
}

ProcessLimits limits_for(const ProcessOptions& options, bool capture) {
  if (options.limits) return *options.limits;
  const DefaultProcessLimits d = default_process_limits();
  return capture ? d.probe : d.build;
}

std::string seconds_text(Millis m) {
  if (m.count() % 1000 == 0) return std::to_string(m.count() / 1000) + " s";
  return std::to_string(m.count()) + " ms";
}

// One running child: its limits, and ending it and its group.
class Child {
 public:
  Child(pid_t pid, ProcessLimits limits) : pid_(pid), start_(Clock::now()), last_output_(start_) {
    result_.limits = std::move(limits);
  }

  bool reaped() const { return reaped_; }
  ProcessResult& result() { return result_; }
  void saw_output() { last_output_ = Clock::now(); }

  bool try_reap() {
    if (reaped_) return true;
    int status = 0;
    pid_t r = ::waitpid(pid_, &status, WNOHANG);
    if (r == pid_) {
      result_.status = decode(status);
      reaped_ = true;
    } else if (r < 0 && errno != EINTR) {
      reaped_ = true;  // ECHILD: someone else reaped it
    }
    return reaped_;
  }

  // The limit it has gone past (or an interrupt), if any; `idle_measurable` when output is seen.
  std::optional<ProcessEnd> over_limit(bool idle_measurable) const {
    if (InterruptWatch::caught()) return ProcessEnd::interrupted;
    const auto now = Clock::now();
    const ProcessLimits& l = result_.limits;
    if (l.time.count() > 0 && now - start_ >= l.time) return ProcessEnd::time_limit;
    if (idle_measurable && l.idle.count() > 0 && now - last_output_ >= l.idle) return ProcessEnd::idle_limit;
    return std::nullopt;
  }

  // Ends the child's whole group now: SIGTERM, then SIGKILL after the grace period.
  void stop(ProcessEnd why) {
    result_.end = why;
    ::kill(-pid_, SIGTERM);
    ::kill(-pid_, SIGCONT);
    const auto deadline = Clock::now() + default_process_limits().grace;
    while (!try_reap() && Clock::now() < deadline) std::this_thread::sleep_for(Millis(10));
    if (!reaped_) {
      ::kill(-pid_, SIGKILL);
      int status = 0;
      while (::waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
      }
      result_.status = decode(status);
      reaped_ = true;
    }
  }

  // After the child is gone: names what is left of its group and ends it.
  void finish(const std::string& program) {
    if (result_.end != ProcessEnd::exited) {  // stopped: its group was told to end already
      end_group(pid_, default_process_limits().grace);
      if (result_.end == ProcessEnd::interrupted) InterruptWatch::reraise(InterruptWatch::caught());
      return;
    }
    if (::kill(-pid_, 0) != 0) return;  // the usual case: nothing left, no need to look through /proc
    for (const GroupMember& m : group_members(pid_))
      result_.left_behind.push_back(m.name + " (pid " + std::to_string(m.pid) + ")");
    if (!result_.left_behind.empty()) {
      end_group(pid_, default_process_limits().grace);
      Reporter* reporter = nullptr;
      {
        std::lock_guard<std::mutex> lock(g_defaults_mutex);
        reporter = g_reporter;
      }
      if (reporter)
        reporter->warn(program + " left " + join(result_.left_behind, ", ") +
                       " running after it exited; userpkg ended " +
                       (result_.left_behind.size() == 1 ? "it" : "them"));
    }
  }

 private:
  pid_t pid_;
  Clock::time_point start_, last_output_;
  ProcessResult result_;
  bool reaped_ = false;
};

std::optional<off_t> regular_file_size(int fd) {
  struct stat st {};
  if (fd < 0 || ::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) return std::nullopt;
  return st.st_size;
}

}  // namespace

void set_default_process_limits(const DefaultProcessLimits& limits) {
  std::lock_guard<std::mutex> lock(g_defaults_mutex);
  g_defaults = limits;
}

const DefaultProcessLimits& default_process_limits() {
  std::lock_guard<std::mutex> lock(g_defaults_mutex);
  return g_defaults;
}

void set_process_reporter(Reporter* reporter) {
  std::lock_guard<std::mutex> lock(g_defaults_mutex);
  g_reporter = reporter;
}

std::string describe_end(const ProcessResult& r) {
  const ProcessLimits& l = r.limits;
  auto set_by = [](const std::string& variable) { return variable.empty() ? "" : " (" + variable + ")"; };
  switch (r.end) {
    case ProcessEnd::exited:
      if (r.status > 128) return "was killed by signal " + std::to_string(r.status - 128);
      return "exited with status " + std::to_string(r.status);
    case ProcessEnd::time_limit:
      return "was stopped: still running after " + seconds_text(l.time) + set_by(l.time_setting);
    case ProcessEnd::idle_limit:
      return "was stopped: printed nothing for " + seconds_text(l.idle) + set_by(l.idle_setting);
    case ProcessEnd::output_limit:
      return "was stopped: printed more than " + std::to_string(l.output >> 20) + " MB";
    case ProcessEnd::interrupted:
      return "was interrupted";
  }
  return "ended";
}

std::filesystem::path find_program(const std::string& name, const std::string& path_list) {
  for (auto& dir : split(path_list, ':', true)) {
    std::filesystem::path candidate = std::filesystem::path(dir) / name;
    if (access(candidate.c_str(), X_OK) == 0 && !std::filesystem::is_directory(candidate)) return candidate;
  }
  return {};
}

ProcessResult run_process(const std::vector<std::string>& argv, const ProcessOptions& options) {
  InterruptWatch watch;
  Child child(spawn(argv, options, options.output_fd), limits_for(options, false));
  const std::optional<off_t> initial = regular_file_size(options.output_fd);
  off_t seen = initial.value_or(0);
  const std::size_t cap = child.result().limits.output;
  Millis nap(1);
  while (!child.try_reap()) {
    if (initial) {
      off_t now = regular_file_size(options.output_fd).value_or(seen);
      if (now != seen) child.saw_output();
      seen = now;
      if (cap > 0 && now > *initial && static_cast<std::size_t>(now - *initial) > cap) {
        child.stop(ProcessEnd::output_limit);
        break;
      }
    }
    if (auto why = child.over_limit(initial.has_value())) {
      child.stop(*why);
      break;
    }
    std::this_thread::sleep_for(nap);
    nap = std::min(nap * 2, kTick);
  }
  child.finish(argv[0]);
  return child.result();
}

CapturedOutput capture_process(const std::vector<std::string>& argv, const ProcessOptions& options) {
  int fds[2];
  if (pipe2(fds, O_CLOEXEC) != 0) throw Error("cannot create a pipe", errno_text(errno));
  InterruptWatch watch;
  pid_t pid;
  try {
    pid = spawn(argv, options, fds[1]);
  } catch (const Error&) {
    close(fds[0]);
    close(fds[1]);
    CapturedOutput missing;
    missing.status = 127;
    return missing;
  }
  close(fds[1]);
  Child child(pid, limits_for(options, true));
  const std::size_t cap = child.result().limits.output;
  const Millis drain = default_process_limits().drain;
  std::string output;
  bool eof = false;
  std::optional<Clock::time_point> exited_at;
  char buf[65536];
  while (true) {
    if (!exited_at && child.try_reap()) exited_at = Clock::now();
    // Once it has exited, a grandchild that holds the pipe open gets `drain`, not its lifetime.
    if (exited_at && (eof || Clock::now() - *exited_at >= drain)) break;
    if (!exited_at) {
      if (auto why = child.over_limit(true)) {
        child.stop(*why);
        break;
      }
    }
    if (eof) {  // it closed its output but runs on
      std::this_thread::sleep_for(Millis(10));
      continue;
    }
    pollfd p{fds[0], POLLIN, 0};
    int wait_ms = static_cast<int>(kTick.count());
    if (exited_at)
      wait_ms = static_cast<int>(std::max<long>(0, std::chrono::duration_cast<Millis>(*exited_at + drain - Clock::now()).count()));
    if (::poll(&p, 1, wait_ms) <= 0) continue;  // timeout or EINTR: look at the limits again
    ssize_t n = ::read(fds[0], buf, sizeof buf);
    if (n < 0) {
      if (errno == EINTR || errno == EAGAIN) continue;
      eof = true;
      continue;
    }
    if (n == 0) {
      eof = true;
      continue;
    }
    child.saw_output();
    const std::size_t take = cap > 0 ? std::min<std::size_t>(static_cast<std::size_t>(n), cap - output.size())
                                     : static_cast<std::size_t>(n);
    output.append(buf, take);
    if (take < static_cast<std::size_t>(n)) {
      if (!exited_at) child.stop(ProcessEnd::output_limit);
      else child.result().end = ProcessEnd::output_limit;
      break;
    }
  }
  close(fds[0]);
  child.finish(argv[0]);
  CapturedOutput result;
  static_cast<ProcessResult&>(result) = child.result();
  result.output = std::move(output);
  return result;
}

}  // namespace userpkg
