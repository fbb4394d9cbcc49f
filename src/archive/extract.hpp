#pragma once
// Safe extraction of a source archive into an empty directory.
#include <filesystem>

namespace userpkg {

// Extracts `archive` (tar with any compression libarchive reads — .tar.gz, .tgz, .tar.xz,
// .tar.bz2, .tar.zst — or .zip / .7z) into `dest`, which must exist and be empty.
// Refuses, naming the entry and the rule it breaks: absolute paths, ".." components, entries that
// would be written through a symlink extracted before them, hard links to anything but a file
// extracted before them, device nodes, fifos and sockets. Modes are kept (exec bits matter for
// configure scripts) minus setuid/setgid/sticky and group/other write; owners are never restored.
// A corrupt, truncated or unrecognised archive throws an Error naming the archive with libarchive's
// message. On any failure `dest` may hold part of the tree: the caller owns it and removes it.
// Returns the source root: dest/<top> if the archive holds exactly one top-level entry and it is a
// directory, else dest.
std::filesystem::path extract_archive(const std::filesystem::path& archive, const std::filesystem::path& dest);

}  // namespace userpkg
