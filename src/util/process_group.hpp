#pragma once
// The process group a child runs in: who is still in it, and ending it. Also the interrupt
// forwarding: while a child runs in its own group, a Ctrl-C at the terminal reaches only userpkg,
// which must end the child's group before it dies itself.
#include <sys/types.h>

#include <chrono>
#include <string>
#include <vector>

namespace userpkg {

struct GroupMember {
  pid_t pid = 0;
  std::string name;  // from /proc/<pid>/stat
};

// Live (non-zombie) processes whose process group is `pgid`, from /proc.
std::vector<GroupMember> group_members(pid_t pgid);

// SIGTERM to the group, then SIGKILL to whatever is still alive after `grace`.
void end_group(pid_t pgid, std::chrono::milliseconds grace);

// While one exists, SIGINT, SIGTERM and SIGHUP only set a flag (read with caught()); the previous
// handlers come back when the last one goes. reraise() then delivers the signal with its default action.
class InterruptWatch {
 public:
  InterruptWatch();
  ~InterruptWatch();
  InterruptWatch(const InterruptWatch&) = delete;
  InterruptWatch& operator=(const InterruptWatch&) = delete;

  static int caught();  // the signal number, or 0
  [[noreturn]] static void reraise(int signal_number);
};

}  // namespace userpkg
