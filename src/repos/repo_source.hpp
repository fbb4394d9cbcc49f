#pragma once
// What kind of thing a repo's SOURCE is, which decides how it is fetched.
#include <string>
#include <string_view>

namespace userpkg {

enum class RepoSourceKind { git, tarball, directory };

std::string_view kind_name(RepoSourceKind kind);  // "git", "tarball", "directory"

// From the text alone: an http(s) URL ending .tar.gz/.tgz/.tar.xz/.tar.bz2/.zip is a tarball; any
// other URL (https, ssh, git, file, user@host:path) or a path ending .git is git; anything else is
// a local path (nullopt-like: `local`).
enum class SourceForm { git, tarball, local_path };
SourceForm source_form(std::string_view source);

// The kind of `source`, looking at the disk for a local path: a directory holding .git is a git
// work tree (cloned, so only committed content counts), else a plain directory (copied). Throws
// Error for a local path that is not a directory.
RepoSourceKind classify_source(const std::string& source);

// Whether fetching this source needs the network (refused under --offline).
bool source_is_remote(std::string_view source);

}  // namespace userpkg
