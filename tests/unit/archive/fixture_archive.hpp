#pragma once
// Builds small archives for the extraction tests with libarchive's writer, including the hostile
// ones (absolute names, "..", symlink tricks, device nodes) that no honest tool would produce.
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace userpkg::test {

enum class FixtureType { file, directory, symlink, hardlink, fifo, char_device };

struct FixtureEntry {
  std::string name;
  FixtureType type = FixtureType::file;
  std::string content;  // files
  unsigned mode = 0644;
  std::string link;     // symlink or hard-link target
};

inline FixtureEntry file(std::string name, std::string content, unsigned mode = 0644) {
  return {std::move(name), FixtureType::file, std::move(content), mode, {}};
}
inline FixtureEntry dir(std::string name) { return {std::move(name), FixtureType::directory, {}, 0755, {}}; }
inline FixtureEntry symlink(std::string name, std::string target) {
  return {std::move(name), FixtureType::symlink, {}, 0777, std::move(target)};
}
inline FixtureEntry hardlink(std::string name, std::string target) {
  return {std::move(name), FixtureType::hardlink, {}, 0644, std::move(target)};
}
inline FixtureEntry special(std::string name, FixtureType type) { return {std::move(name), type, {}, 0644, {}}; }

enum class FixtureFormat { tar_gz, tar_xz, tar_bz2, zip };

void write_fixture_archive(const std::filesystem::path& path, FixtureFormat format,
                           const std::vector<FixtureEntry>& entries);

}  // namespace userpkg::test
