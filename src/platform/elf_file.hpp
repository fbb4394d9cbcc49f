#pragma once
// What the dynamic loader reads from an ELF object, read the way it reads it: through the program
// headers (PT_DYNAMIC, PT_LOAD), so a stripped object without section headers is read too.
// Every offset, size and count is checked against the file: a truncated or corrupted file is an
// Error, never a crash. ELF64 and ELF32, little-endian only (a big-endian file is refused).
#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace userpkg {

// One DT_VERNEED entry: the versions the object needs from one library (by its DT_NEEDED name).
struct ElfVersionNeed {
  std::string file;                   // e.g. "libstdc++.so.6"
  std::vector<std::string> versions;  // e.g. {"GLIBCXX_3.4", "GLIBCXX_3.4.30"}
  bool operator==(const ElfVersionNeed&) const = default;
};

struct ElfInfo {
  bool is_64bit = true;
  std::uint16_t machine = 0;  // e_machine (EM_X86_64 = 62)
  std::uint16_t type = 0;     // e_type (ET_EXEC, ET_DYN)
  bool has_dynamic = false;   // false for a static executable
  std::optional<std::string> soname;
  std::vector<std::string> needed;     // DT_NEEDED, in order
  std::optional<std::string> rpath;    // DT_RPATH (ignored by the loader when DT_RUNPATH exists)
  std::optional<std::string> runpath;  // DT_RUNPATH
  std::vector<ElfVersionNeed> version_needs;    // .gnu.version_r
  std::vector<std::string> version_definitions;  // .gnu.version_d, without the base (file name) entry
};

// Parses an ELF object held in memory. `origin` names it in errors. Throws Error.
ElfInfo parse_elf(std::span<const unsigned char> bytes, const std::string& origin);

// Maps the file read-only and parses it. Throws Error (unreadable, not ELF, corrupted).
ElfInfo read_elf(const std::filesystem::path& path);

// True if the file starts with the ELF magic (cheap; reads 4 bytes; false if unreadable).
bool has_elf_magic(const std::filesystem::path& path) noexcept;

}  // namespace userpkg
