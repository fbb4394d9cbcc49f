#pragma once
// The format of a launcher entry's sidecar, shared by the launcher program (src/launcher/program/,
// plain libc, no userpkg library) and userpkg (src/launcher/launch_entry.hpp). Constants only.
//
// A program whose package declares LD_LIBRARY_PATH is, in generation N:
//   profiles/<N>/bin/<program>          symlink to <prefix>/libexec/userpkg/launch (the launcher)
//   profiles/<N>/bin/.launch/<program>  the sidecar, text, one item a line:
//       userpkg-launch 1
//       program=/absolute/path/of/the/real/program
//       library_dir=/absolute/dir      (any number, in the order they go in front of LD_LIBRARY_PATH)
// Lines with other keys are ignored (a later userpkg may add optional ones); a change an older
// launcher must not misread gets a new first line, and every launcher keeps reading line 1 files
// (old generations keep their sidecars while the prefix's launcher is replaced by newer ones).

namespace userpkg::launch_format {

inline constexpr char kSidecarDir[] = ".launch";  // in profiles/<N>/bin/
inline constexpr char kFirstLine[] = "userpkg-launch 1";
inline constexpr char kProgramKey[] = "program=";
inline constexpr char kLibraryDirKey[] = "library_dir=";
inline constexpr unsigned long kMaxSidecarSize = 64 * 1024;

}  // namespace userpkg::launch_format
