#pragma once
// The build log: one file per package build, appended to by every step and child process.
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace userpkg {

class BuildLog {
 public:
  // Opens (creating it and its directory) for appending; throws Error.
  explicit BuildLog(std::filesystem::path path);
  ~BuildLog();
  BuildLog(const BuildLog&) = delete;
  BuildLog& operator=(const BuildLog&) = delete;

  int fd() const { return fd_; }
  const std::filesystem::path& path() const { return path_; }
  void line(std::string_view text);  // best effort: a full disk shows up in the build anyway
  std::vector<std::string> tail(std::size_t lines) const;

 private:
  std::filesystem::path path_;
  int fd_ = -1;
};

// The last n lines of text (without a trailing empty line).
std::vector<std::string> last_lines(std::string_view text, std::size_t n);

}  // namespace userpkg
