#pragma once
// The Reporter for a person at a terminal: messages on stderr, a one-line progress bar while
// downloading when stderr is a terminal (nothing but the messages otherwise, e.g. in CI logs).
#include <chrono>

#include "util/reporter.hpp"

namespace userpkg {

class TerminalReporter : public Reporter {
 public:
  explicit TerminalReporter(int verbosity);
  ~TerminalReporter() override;
  void info(std::string_view message) override;
  void detail(std::string_view message) override;
  void warn(std::string_view message) override;
  void transfers(const std::vector<TransferProgress>& active) override;

 private:
  void clear_bar();
  int verbosity_;
  bool tty_;
  bool bar_shown_ = false;
};

}  // namespace userpkg
