#include "platform/host_glibc.hpp"

#include <regex>

#include "util/error.hpp"
#include "util/fs.hpp"

namespace userpkg {

std::optional<std::string> glibc_release_in(std::string_view libc_bytes) {
  constexpr std::string_view banner = "GNU C Library";
  for (size_t at = libc_bytes.find(banner); at != std::string_view::npos; at = libc_bytes.find(banner, at + 1)) {
    // The banner is one NUL-terminated string; look for the version within it.
    const size_t end = libc_bytes.find('\0', at);
    const std::string text(libc_bytes.substr(at, std::min<size_t>(end == std::string_view::npos ? 300 : end - at, 300)));
    static const std::regex version(R"(release version (2\.[0-9]{1,3})\b)");
    std::smatch m;
    if (std::regex_search(text, m, version)) return m[1].str();
  }
  return std::nullopt;
}

std::vector<std::string> libc_locations(const std::string& machine) {
  return {
      "/lib/" + machine + "-linux-gnu/libc.so.6",      // Debian, Ubuntu
      "/usr/lib/" + machine + "-linux-gnu/libc.so.6",  // Debian, Ubuntu (merged /usr)
      "/lib64/libc.so.6",                               // RHEL, CentOS, Rocky, SUSE
      "/usr/lib64/libc.so.6",
      "/usr/lib/libc.so.6",                             // Arch
      "/lib/libc.so.6",
  };
}

std::optional<HostLibc> find_host_glibc(const std::filesystem::path& root, const std::string& machine) {
  for (const std::string& location : libc_locations(machine)) {
    const std::filesystem::path path = root / location.substr(1);
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec)) continue;
    try {
      if (auto version = glibc_release_in(read_file(path))) return HostLibc{*version, location};
    } catch (const Error&) {
      // unreadable: try the next place
    }
  }
  return std::nullopt;
}

}  // namespace userpkg
