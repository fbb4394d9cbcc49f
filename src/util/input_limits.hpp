#pragma once
// Bounds on what userpkg hands to a parser (toml++, nlohmann): a size per kind of input, and a
// nesting depth. Parsers and the code around them recurse once per level (`[a.a.a…]`, `[[[…]]]`),
// so a hostile file nested 100,000 deep would overflow the stack; it is refused here first, with
// the line where it goes too deep. Values only: the scanners read text and never throw.
#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace userpkg {

struct InputLimits {
  std::size_t max_bytes = 0;
  std::size_t max_depth = 0;
  const char* kind = "";  // for messages: "recipe", "config file", "CUDA redist manifest"…
};

// Every kind nests at most this deep (real files stay under 6); see README.md, "Limits".
inline constexpr std::size_t kMaxInputDepth = 64;
inline constexpr std::size_t kMiB = std::size_t{1} << 20;

inline constexpr InputLimits kRecipeLimits{kMiB, kMaxInputDepth, "recipe"};
inline constexpr InputLimits kConfigLimits{kMiB, kMaxInputDepth, "config file"};
inline constexpr InputLimits kRepoManifestLimits{kMiB, kMaxInputDepth, "repo.toml"};
inline constexpr InputLimits kStateFileLimits{64 * kMiB, kMaxInputDepth, "state file"};
inline constexpr InputLimits kRedistManifestLimits{16 * kMiB, kMaxInputDepth, "CUDA redist manifest"};
inline constexpr InputLimits kIndexPageLimits{64 * kMiB, kMaxInputDepth, "package index page"};

struct InputProblem {
  std::size_t line = 0;  // 1-based; 0 when it concerns the whole input (its size)
  std::string text;      // "nests deeper than 64 levels", "is 3.0 MB; userpkg reads recipes up to 1 MB"
};

// TOML: table headers and dotted keys count one level per part, each '[' or '{' of a value one more.
std::optional<InputProblem> toml_shape_problem(std::string_view text, const InputLimits& limits);
// JSON: each '[' or '{' outside strings is one level.
std::optional<InputProblem> json_shape_problem(std::string_view text, const InputLimits& limits);

// The same checks as an Error: "<origin>:<line>: the <kind> nests deeper than 64 levels", with
// `hint` as what to do.
void check_toml_input(std::string_view text, const std::string& origin, const InputLimits& limits,
                      const std::string& hint);
void check_json_input(std::string_view text, const std::string& origin, const InputLimits& limits,
                      const std::string& hint);

// Reads a file for parsing, refusing one larger than limits.max_bytes before reading it.
std::string read_input_file(const std::filesystem::path& path, const InputLimits& limits, const std::string& hint);

}  // namespace userpkg
