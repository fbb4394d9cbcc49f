#include "build/build_log.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <fstream>

#include "util/error.hpp"
#include "util/fs.hpp"
#include "util/strings.hpp"

namespace userpkg {

BuildLog::BuildLog(std::filesystem::path path) : path_(std::move(path)) {
  if (path_.empty()) throw Error("internal error: no build log path");
  if (path_.has_parent_path()) ensure_dir(path_.parent_path());
  fd_ = open(path_.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (fd_ < 0) throw Error("cannot open the build log " + path_.string(), errno_text(errno), "check that the prefix is writable");
}

BuildLog::~BuildLog() {
  if (fd_ >= 0) close(fd_);
}

void BuildLog::line(std::string_view text) {
  std::string out(text);
  out += '\n';
  std::size_t done = 0;
  while (done < out.size()) {
    ssize_t n = write(fd_, out.data() + done, out.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && (errno == ENOSPC || errno == EDQUOT)) out_of_space_ = true;
    if (n <= 0) return;
    done += static_cast<std::size_t>(n);
  }
}

std::vector<std::string> BuildLog::tail(std::size_t lines) const {
  // Logs of big builds run to megabytes: read only the end.
  constexpr std::streamoff kWindow = 64 * 1024;
  std::ifstream in(path_, std::ios::binary);
  if (!in) return {};
  in.seekg(0, std::ios::end);
  std::streamoff size = in.tellg();
  std::streamoff start = size > kWindow ? size - kWindow : 0;
  in.seekg(start);
  std::string text(static_cast<std::size_t>(size - start), '\0');
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  return last_lines(text, lines);
}

std::vector<std::string> last_lines(std::string_view text, std::size_t n) {
  while (!text.empty() && text.back() == '\n') text.remove_suffix(1);
  if (text.empty()) return {};
  std::vector<std::string> all = split(text, '\n');
  if (all.size() > n) all.erase(all.begin(), all.end() - static_cast<std::ptrdiff_t>(n));
  return all;
}

}  // namespace userpkg
