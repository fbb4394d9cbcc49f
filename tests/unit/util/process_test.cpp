// The child process runner: limits end a child and its whole group; a grandchild that holds the
// output pipe does not hold up the caller; what a child leaves running is named and ended.
#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <thread>

#include "util/fs.hpp"
#include "util/process.hpp"
#include "util/strings.hpp"

using namespace userpkg;

namespace {

ProcessOptions with_limits(Millis time, Millis idle = Millis(0), std::size_t output = 0) {
  ProcessOptions o;
  o.limits = ProcessLimits{time, idle, output, "TEST_TIMEOUT", "TEST_IDLE"};
  return o;
}

// Alive and not a zombie (an orphan's zombie may wait for a container's init to reap it).
bool alive(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::string line;
  if (!std::getline(in, line)) return false;
  auto close = line.rfind(')');
  return close != std::string::npos && close + 2 < line.size() && line[close + 2] != 'Z';
}

// Ended processes disappear a moment after the signal: wait for that, boundedly.
bool ends_soon(pid_t pid) {
  for (int i = 0; i < 500 && alive(pid); ++i) std::this_thread::sleep_for(Millis(10));
  return !alive(pid);
}

pid_t pid_in(const std::filesystem::path& file) {
  for (int i = 0; i < 500 && !std::filesystem::exists(file); ++i) std::this_thread::sleep_for(Millis(10));
  return static_cast<pid_t>(std::stol(std::string(trim(read_file(file)))));
}

}  // namespace

TEST_CASE("a child past its time limit is stopped with its group", "[process]") {
  ScopedDir dir(make_unique_dir(std::filesystem::temp_directory_path(), "userpkg-process-test"));
  const auto pid_file = dir.path() / "pid";
  auto result = run_process({"/bin/sh", "-c", "sleep 300 & echo $! > " + pid_file.string() + "; sleep 300"},
                            with_limits(Millis(500)));
  CHECK(result.end == ProcessEnd::time_limit);
  CHECK(result.status != 0);
  CHECK(ends_soon(pid_in(pid_file)));  // the background sleep went with it
  CHECK(describe_end(result) == "was stopped: still running after 500 ms (TEST_TIMEOUT)");

  auto captured = capture_process({"/bin/sh", "-c", "echo started; sleep 300"}, with_limits(Millis(500)));
  CHECK(captured.end == ProcessEnd::time_limit);
  CHECK(captured.output == "started\n");
}

TEST_CASE("a flooding child is stopped at the output cap", "[process]") {
  auto result = capture_process({"/bin/sh", "-c", "while :; do echo yyyyyyyyyyyyyyyyyyyyyyy; done"},
                                with_limits(Millis(0), Millis(0), 1 << 20));
  CHECK(result.end == ProcessEnd::output_limit);
  CHECK(result.output.size() == (1u << 20));
  CHECK(describe_end(result) == "was stopped: printed more than 1 MB");

  ScopedDir dir(make_unique_dir(std::filesystem::temp_directory_path(), "userpkg-process-test"));
  const auto log = dir.path() / "log";
  ProcessOptions options = with_limits(Millis(0), Millis(0), 1 << 20);
  int fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  REQUIRE(fd >= 0);
  options.output_fd = fd;
  auto to_file = run_process({"/bin/sh", "-c", "while :; do echo yyyyyyyyyyyyyyyyyyyyyyy; done"}, options);
  ::close(fd);
  CHECK(to_file.end == ProcessEnd::output_limit);
}

TEST_CASE("a child that prints nothing for the idle limit is stopped", "[process]") {
  ScopedDir dir(make_unique_dir(std::filesystem::temp_directory_path(), "userpkg-process-test"));
  const auto log = dir.path() / "log";
  ProcessOptions options = with_limits(Millis(0), Millis(500));
  int fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  REQUIRE(fd >= 0);
  options.output_fd = fd;
  auto result = run_process({"/bin/sh", "-c", "echo configuring; sleep 300"}, options);
  ::close(fd);
  CHECK(result.end == ProcessEnd::idle_limit);
  CHECK(describe_end(result) == "was stopped: printed nothing for 500 ms (TEST_IDLE)");
  CHECK(read_file(log) == "configuring\n");
}

TEST_CASE("a grandchild holding the output pipe does not hold up the caller, and is named and ended", "[process]") {
  ScopedDir dir(make_unique_dir(std::filesystem::temp_directory_path(), "userpkg-process-test"));
  const auto pid_file = dir.path() / "pid";
  // Like a `conda` that leaves `sleep 15 &` behind: the sleep keeps the pipe's write end open.
  auto result = capture_process({"/bin/sh", "-c", "sleep 300 & echo $! > " + pid_file.string() + "; echo 4.14.0"},
                                with_limits(Millis(0)));
  CHECK(result.end == ProcessEnd::exited);
  CHECK(result.status == 0);
  CHECK(result.output == "4.14.0\n");
  REQUIRE(result.left_behind.size() == 1);
  CHECK(result.left_behind[0].starts_with("sleep (pid "));
  CHECK(ends_soon(pid_in(pid_file)));
}

TEST_CASE("a daemon that closed its output is still named and ended", "[process]") {
  ScopedDir dir(make_unique_dir(std::filesystem::temp_directory_path(), "userpkg-process-test"));
  const auto pid_file = dir.path() / "pid";
  auto result = run_process(
      {"/bin/sh", "-c", "sleep 300 >/dev/null 2>&1 & echo $! > " + pid_file.string()}, with_limits(Millis(0)));
  CHECK(result.end == ProcessEnd::exited);
  CHECK(result.status == 0);
  REQUIRE(result.left_behind.size() == 1);
  CHECK(ends_soon(pid_in(pid_file)));
}

TEST_CASE("a child that ends normally leaves nothing to name", "[process]") {
  auto result = capture_process({"/bin/sh", "-c", "echo one; echo two >&2; exit 3"});
  CHECK(result.end == ProcessEnd::exited);
  CHECK(result.status == 3);
  CHECK(result.output == "one\ntwo\n");
  CHECK(result.left_behind.empty());
  CHECK(describe_end(result) == "exited with status 3");
  CHECK(capture_process({"/no/such/program"}).status == 127);
}
