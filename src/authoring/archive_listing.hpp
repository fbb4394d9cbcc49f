#pragma once
// The names of the entries in an archive, read with libarchive without extracting anything.
#include <filesystem>
#include <string>
#include <vector>

namespace userpkg {

// Entry names as stored (tar with any compression libarchive reads, zip, 7z). Throws Error naming
// the file when it is no archive libarchive can read.
std::vector<std::string> list_archive_entries(const std::filesystem::path& archive);

}  // namespace userpkg
