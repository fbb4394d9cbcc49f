#pragma once
// A full file system or an exceeded quota (ENOSPC, EDQUOT). The install turns it into one message
// with the figures (how much was needed, how much is free, what `userpkg gc` would free), so
// whatever writes only says where it failed and, where known, how many bytes it needed.
#include <cerrno>
#include <string>

#include "util/error.hpp"

namespace userpkg {

class NoSpaceError : public Error {
 public:
  NoSpaceError(std::string dir, unsigned long long needed, std::string what, std::string why)
      : Error(std::move(what), std::move(why), "free some space, then run the command again"),
        dir_(std::move(dir)),
        needed_(needed) {}
  const std::string& dir() const { return dir_; }
  unsigned long long needed() const { return needed_; }  // bytes; 0 when not known

 private:
  std::string dir_;
  unsigned long long needed_;
};

// Whether an errno value means "no room": ENOSPC or EDQUOT.
inline bool is_no_space(int err) { return err == ENOSPC || err == EDQUOT; }

}  // namespace userpkg
