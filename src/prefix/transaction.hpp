#pragma once
// The atomic steps of installing one package: build into var/staging/ (same file system as pkgs/),
// then one rename(2) into pkgs/<name>/<version>. Either the whole tree is there or none of it.
#include <filesystem>
#include <string>

#include "prefix/layout.hpp"

namespace userpkg {

// A new, empty var/staging/<name>-XXXXXX.
std::filesystem::path make_staging_dir(const PrefixLayout& layout, const std::string& name);

// Moves staged_tree to pkgs/<name>/<version> with one rename(2). Throws Error, leaving both
// untouched, if the target exists already or the two are on different file systems.
void commit_package(const std::filesystem::path& staged_tree, const PrefixLayout& layout, const std::string& name,
                    const std::string& version);

// Removes pkgs/<name>/<version> (e.g. after a failed post-install test): first renamed into
// var/staging/ so the package vanishes at once, then deleted (recovery finishes an interrupted delete).
void discard_package(const PrefixLayout& layout, const std::string& name, const std::string& version);

}  // namespace userpkg
