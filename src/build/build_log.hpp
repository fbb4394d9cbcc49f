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
  void line(std::string_view text);  // best effort: a full disk is remembered (out_of_space)
  // Whether a write to the log found its file system full (or the quota exceeded).
  bool out_of_space() const { return out_of_space_; }
  std::vector<std::string> tail(std::size_t lines) const;

 private:
  std::filesystem::path path_;
  int fd_ = -1;
  bool out_of_space_ = false;
};

// The last n lines of text (without a trailing empty line).
std::vector<std::string> last_lines(std::string_view text, std::size_t n);

}  // namespace userpkg
