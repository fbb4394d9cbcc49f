#include "prefix/json_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include "util/error.hpp"
#include "util/fs.hpp"
#include "util/input_limits.hpp"

namespace userpkg {

nlohmann::json read_json_file(const std::filesystem::path& path, const std::string& what) {
  const std::string hint = "run `userpkg doctor`; reinstalling the package rewrites it";
  std::string text = read_input_file(path, kStateFileLimits, hint);
  check_json_input(text, path.string(), kStateFileLimits, hint);
  try {
    return nlohmann::json::parse(text);
  } catch (const nlohmann::json::exception& e) {
    throw Error("the " + what + " " + path.string() + " is damaged", e.what(),
                "run `userpkg doctor`; reinstalling the package rewrites it");
  }
}

void write_json_file(const std::filesystem::path& path, const nlohmann::json& value) {
  write_file_atomic(path, value.dump(2) + "\n");
}

void sync_directory(const std::filesystem::path& dir) noexcept {
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  (void)::fsync(fd);
  ::close(fd);
}

}  // namespace userpkg
