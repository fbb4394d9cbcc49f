#pragma once
// Wheel file names (PEP 427) as values: name-version(-build)?-python-abi-platform.whl, each tag
// field possibly a compressed set ("cp38.cp39", "manylinux_2_17_x86_64.manylinux2014_x86_64").
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/version.hpp"

namespace userpkg {

struct WheelName {
  std::string file_name;     // as given: "torch-2.1.0+cu121-cp310-cp310-linux_x86_64.whl"
  std::string distribution;  // normalized (PEP 503): "torch", "nvidia-cudnn-cu12"
  std::string version_text;  // "2.1.0+cu121"
  Version version;           // the public part, "2.1.0": what constraints match
  std::string local;         // the local label after '+', "cu121" (empty when none)
  std::string build;         // optional build tag, starts with a digit ("1", "2abc")
  std::vector<std::string> python_tags;    // {"cp38", "cp39"}
  std::vector<std::string> abi_tags;       // {"cp38"}, {"abi3"}, {"none"}
  std::vector<std::string> platform_tags;  // {"manylinux_2_17_x86_64", "manylinux2014_x86_64"}
};

// nullopt when the name is not a well-formed wheel file name (also for sdists and other files).
std::optional<WheelName> try_parse_wheel_name(std::string_view file_name);
// Throws Error saying what is wrong with the name.
WheelName parse_wheel_name(std::string_view file_name);

// PEP 503 name normalization: lower case, runs of '-', '_' and '.' become one '-'.
std::string normalize_project_name(std::string_view name);

// A PEP 440 version as userpkg's Version: "2.6.0.dev20241112" and "1.0.post1" put the letter part
// on the number before it, as Version expects; the local label ("+cu121") is not part of it.
std::optional<Version> pep440_public_version(std::string_view text);

}  // namespace userpkg
