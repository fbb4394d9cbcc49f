#pragma once
// One writer per prefix: flock(2) on var/lock, held for the life of a PrefixLock. The holder
// writes its pid and command line into the file so that a waiting userpkg can say what it waits for.
#include <functional>
#include <string>

#include "prefix/layout.hpp"

namespace userpkg {

struct LockHolder {
  long pid = 0;         // 0 when the holder has not written its details yet
  std::string command;  // the holder's command line, e.g. "userpkg install git"
};

class PrefixLock {
 public:
  // Called once, before blocking, when another process holds the lock.
  using WaitCallback = std::function<void(const LockHolder& holder)>;

  // Blocks until the lock is ours. Throws Error if var/lock cannot be opened.
  PrefixLock(const PrefixLayout& layout, const std::string& command_line, const WaitCallback& on_wait = {});
  ~PrefixLock();
  PrefixLock(const PrefixLock&) = delete;
  PrefixLock& operator=(const PrefixLock&) = delete;

 private:
  int fd_ = -1;
};

// Reads the details a holder wrote ("<pid>\n<command>\n"); a pure parser, for the waiter and tests.
LockHolder parse_lock_holder(const std::string& text);

}  // namespace userpkg
