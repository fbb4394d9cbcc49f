#pragma once
// Writing userpkg's own files (install records) inside trees that came from archives or builds,
// where a planted symlink must never carry the write elsewhere.
#include <filesystem>
#include <string>

namespace userpkg {

// Writes dir/relative ("name" or "sub/name") atomically (temporary file, fsync, renameat) without
// following any symlink at or below `dir`: each folder of `relative` is opened with O_NOFOLLOW and
// created when absent; a link in the way is an Error. No space: NoSpaceError (util/no_space.hpp).
void write_file_no_follow(const std::filesystem::path& dir, const std::filesystem::path& relative,
                          const std::string& content, std::filesystem::perms mode = std::filesystem::perms(0644));

}  // namespace userpkg
