#pragma once
// userpkg's side of the launcher (src/launcher/program/launch.cpp): the program's bytes, carried
// inside userpkg, and the sidecar text that tells it what to run (format: sidecar_format.hpp).
// Values only; generations.cpp writes the files.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace userpkg {

// The launcher program as built with this userpkg (a static executable).
std::string_view launcher_program();

struct LaunchEntry {
  std::string program;                    // absolute
  std::vector<std::string> library_dirs;  // absolute, in LD_LIBRARY_PATH order
};

// The sidecar for `entry`. Throws Error if a path is not absolute or holds a newline (the format is
// one item a line).
std::string launch_sidecar_text(const LaunchEntry& entry);

// The entry a sidecar describes; nullopt if it is not one (another first line, no absolute program).
// Relative library directories are dropped, as the launcher drops them.
std::optional<LaunchEntry> parse_launch_sidecar(const std::string& text);

}  // namespace userpkg
