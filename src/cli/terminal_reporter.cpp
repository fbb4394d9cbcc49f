#include "cli/terminal_reporter.hpp"

#include <unistd.h>

#include <cstdio>
#include <string>

#include "util/strings.hpp"

namespace userpkg {

TerminalReporter::TerminalReporter(int verbosity) : verbosity_(verbosity), tty_(isatty(STDERR_FILENO) == 1) {}

TerminalReporter::~TerminalReporter() { clear_bar(); }

void TerminalReporter::clear_bar() {
  if (bar_shown_) std::fputs("\r\033[K", stderr);
  bar_shown_ = false;
}

void TerminalReporter::info(std::string_view message) {
  if (verbosity_ < 0) return;
  clear_bar();
  std::fprintf(stderr, "%.*s\n", static_cast<int>(message.size()), message.data());
}

void TerminalReporter::detail(std::string_view message) {
  if (verbosity_ < 1) return;
  clear_bar();
  std::fprintf(stderr, "  %.*s\n", static_cast<int>(message.size()), message.data());
}

void TerminalReporter::warn(std::string_view message) {
  clear_bar();
  std::fprintf(stderr, "warning: %.*s\n", static_cast<int>(message.size()), message.data());
}

void TerminalReporter::transfers(const std::vector<TransferProgress>& active) {
  if (!tty_ || verbosity_ < 0) return;
  if (active.empty()) return clear_bar();
  std::uint64_t done = 0, total = 0;
  for (auto& t : active) done += t.done, total += t.total;
  std::string line = active.size() == 1 ? active.front().name : std::to_string(active.size()) + " files";
  if (total > 0) {
    int width = 30;
    int filled = static_cast<int>(static_cast<double>(done) / static_cast<double>(total) * width);
    line += " [" + std::string(static_cast<std::size_t>(filled), '#') + std::string(static_cast<std::size_t>(width - filled), ' ') + "] ";
    line += human_bytes(done) + " / " + human_bytes(total);
  } else {
    line += " " + human_bytes(done);
  }
  std::fprintf(stderr, "\r\033[K%s", line.c_str());
  std::fflush(stderr);
  bar_shown_ = true;
}

}  // namespace userpkg
