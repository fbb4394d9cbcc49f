#pragma once
// The one error type userpkg throws for failures a user can act on: what failed, why, and what
// to do next. cli/ prints it; everything below cli/ only throws it.
#include <stdexcept>
#include <string>

namespace userpkg {

class Error : public std::runtime_error {
 public:
  explicit Error(std::string what, std::string why = {}, std::string hint = {})
      : std::runtime_error(std::move(what)), why_(std::move(why)), hint_(std::move(hint)) {}

  const std::string& why() const { return why_; }
  const std::string& hint() const { return hint_; }

 private:
  std::string why_;
  std::string hint_;
};

// strerror(errno) as a std::string, for the "why" of a failed system call.
std::string errno_text(int err);

}  // namespace userpkg
