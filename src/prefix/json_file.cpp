#include "prefix/json_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include "util/error.hpp"
#include "util/fs.hpp"

namespace userpkg {

nlohmann::json read_json_file(const std::filesystem::path& path, const std::string& what) {
  std::string text = read_file(path);
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
