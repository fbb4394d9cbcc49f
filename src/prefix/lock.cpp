#include "prefix/lock.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>

#include "util/error.hpp"
#include "util/fs.hpp"

namespace userpkg {

namespace {

std::string read_all(int fd) {
  std::string text;
  char buf[4096];
  off_t offset = 0;
  for (;;) {
    ssize_t n = ::pread(fd, buf, sizeof buf, offset);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return text;
    text.append(buf, static_cast<std::size_t>(n));
    offset += n;
  }
}

void write_holder(int fd, const std::string& command_line) {
  std::string text = std::to_string(::getpid()) + "\n" + command_line + "\n";
  // Failing to describe ourselves is harmless: the waiter then says "another userpkg".
  if (::ftruncate(fd, 0) == 0) (void)!::pwrite(fd, text.data(), text.size(), 0);
}

int flock_retrying(int fd, int operation) {
  int r;
  do r = ::flock(fd, operation);
  while (r != 0 && errno == EINTR);
  return r;
}

}  // namespace

LockHolder parse_lock_holder(const std::string& text) {
  LockHolder holder;
  std::size_t newline = text.find('\n');
  std::string pid_text = text.substr(0, newline);
  char* end = nullptr;
  long pid = std::strtol(pid_text.c_str(), &end, 10);
  if (pid_text.empty() || *end != '\0' || pid <= 0) return holder;
  holder.pid = pid;
  if (newline != std::string::npos) {
    holder.command = text.substr(newline + 1);
    while (!holder.command.empty() && holder.command.back() == '\n') holder.command.pop_back();
  }
  return holder;
}

PrefixLock::PrefixLock(const PrefixLayout& layout, const std::string& command_line, const WaitCallback& on_wait) {
  ensure_dir(layout.var());
  const std::string path = layout.lock_file().string();
  fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd_ < 0)
    throw Error("cannot open the prefix lock " + path, errno_text(errno), "check the permissions of the prefix");
  if (flock_retrying(fd_, LOCK_EX | LOCK_NB) != 0) {
    int err = errno;
    if (err != EWOULDBLOCK) {
      ::close(fd_);
      throw Error("cannot lock the prefix " + layout.root.string(), errno_text(err),
                  "the prefix must be on a file system that supports flock(2)");
    }
    if (on_wait) on_wait(parse_lock_holder(read_all(fd_)));
    if (flock_retrying(fd_, LOCK_EX) != 0) {
      err = errno;
      ::close(fd_);
      throw Error("cannot lock the prefix " + layout.root.string(), errno_text(err));
    }
  }
  write_holder(fd_, command_line);
}

PrefixLock::~PrefixLock() {
  if (fd_ < 0) return;
  (void)!::ftruncate(fd_, 0);  // no stale holder details for the next waiter
  ::close(fd_);                // releases the flock
}

}  // namespace userpkg
