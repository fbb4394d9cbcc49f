#pragma once
// The host's glibc read off its libc.so.6, without loading it: the library carries its banner
// ("GNU C Library (GNU libc) stable release version 2.17, …"). A static userpkg has a glibc of its
// own linked in, so asking that one (gnu_get_libc_version) would name the build machine's.
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace userpkg {

// "2.31" from the bytes of a libc.so.6 ("… release version 2.31."); nullopt when there is none.
std::optional<std::string> glibc_release_in(std::string_view libc_bytes);

// Where distributions keep libc.so.6 for `machine` (uname's, e.g. "x86_64"), most specific first.
std::vector<std::string> libc_locations(const std::string& machine);

struct HostLibc {
  std::string version;  // "2.31"
  std::string path;     // the file it was read from, e.g. "/lib/x86_64-linux-gnu/libc.so.6"
};

// The first of libc_locations under `root` ("/" on a real system) that holds a glibc banner.
std::optional<HostLibc> find_host_glibc(const std::filesystem::path& root, const std::string& machine);

}  // namespace userpkg
