#pragma once
// One archive of an NVIDIA redistributable release, as userpkg trusts it: which component, where
// it lies under the redist root, and its published sha256 and size. A plain value so that both
// the manifest parser (redist_manifest.hpp) and a recipe that carries the entries itself fill it.
#include <cstdint>
#include <string>
#include <string_view>

namespace userpkg::cuda {

struct RedistEntry {
  std::string component;      // NVIDIA's key: "cuda_cudart", "libcublas", "cudnn"
  std::string relative_path;  // "cuda_cudart/linux-x86_64/cuda_cudart-linux-x86_64-12.1.105-archive.tar.xz"
  std::string sha256;         // 64 lowercase hex digits
  std::uint64_t size = 0;     // bytes; 0: not published (url entries only), not checked
  std::string url;            // absolute URL instead of relative_path (NCCL's PyPI wheels); else ""
  std::string strip;          // the folder inside the archive to install (cuda/archive_strip.hpp); else ""
  bool operator==(const RedistEntry&) const = default;
};

// The checks below return an empty string when the value is fine, else why it is not (for the
// "why" of an Error that the caller words with its own origin).

// relative_path is joined to a URL root and names a cache file: it must be relative, with no
// "..", "." or empty component, no backslash and no control or URL-special characters.
std::string relative_path_problem(std::string_view relative_path);
// An entry's absolute url: http:// or https://, a host, no whitespace, control character,
// backslash, '?' or '#', and a last component that is a usable file name (it names the cache file).
std::string url_problem(std::string_view url);
// 64 hex digits (either case; callers store it lowercased with lowercase_sha256).
std::string sha256_problem(std::string_view sha256);
std::string lowercase_sha256(std::string_view sha256);
// NVIDIA writes sizes as decimal strings ("1234"). Returns false for anything else ("", "-1",
// "12a", "1e5", too large for 64 bits).
bool parse_size_text(std::string_view text, std::uint64_t& size);

// Throws Error naming `origin` (a manifest or recipe file) when any field of `entry` is unusable.
void validate_entry(const RedistEntry& entry, std::string_view origin);

// The archive's file name: the last component of url, else of relative_path.
std::string archive_file_name(const RedistEntry& entry);

}  // namespace userpkg::cuda
