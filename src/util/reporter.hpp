#pragma once
// How stages below cli/ tell the user what is happening, without printing themselves
// (the observer that cli/ implements for a terminal, and tests implement to record events).
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace userpkg {

struct TransferProgress {
  std::string name;         // file name being downloaded
  std::uint64_t done = 0;   // bytes so far (including a resumed part)
  std::uint64_t total = 0;  // 0 when unknown
};

class Reporter {
 public:
  virtual ~Reporter() = default;
  virtual void info(std::string_view message) = 0;     // normal progress lines
  virtual void detail(std::string_view message) = 0;   // shown with -v
  virtual void warn(std::string_view message) = 0;
  virtual void transfers(const std::vector<TransferProgress>& active) = 0;  // called often; may redraw
};

// Swallows everything; for callers (and tests) that do not care.
class SilentReporter : public Reporter {
 public:
  void info(std::string_view) override {}
  void detail(std::string_view) override {}
  void warn(std::string_view) override {}
  void transfers(const std::vector<TransferProgress>&) override {}
};

}  // namespace userpkg
