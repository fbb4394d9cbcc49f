#pragma once
// Where each file of a set of NVIDIA redist archives goes in the one merged tree pkgs/cuda/<v>/,
// decided from the archives' entry lists alone (pure: no I/O). The executor extracts what the plan
// names, compares the contents of the collisions it lists (check_collision) and creates the tree
// links.
//
// The tree is the layout nvcc expects of a toolkit root: bin/ (nvcc, ptxas, …), include/, lib/,
// nvvm/ (cicc, libdevice), and lib64 -> lib, because nvcc.profile passes
// -L$(TOP)/lib64/stubs -L$(TOP)/lib64 to the linker while the redist archives ship lib/.
// lib/stubs/ holds libcuda.so, a link-time stand-in for the driver's library: it must never be
// found at run time (it would shadow the real driver and every CUDA call would fail), so it stays
// under lib/stubs, which runtime_library_dirs() leaves out and nothing puts on an RPATH or
// LD_LIBRARY_PATH.
#include <string>
#include <utility>
#include <vector>

#include "archive/entry_rules.hpp"

namespace userpkg::cuda {

// One archive's entries, in archive order, as the executor lists them (libarchive, without
// extracting).
struct ArchiveListing {
  std::string component;     // "cuda_nvcc"
  std::string archive_name;  // its file name, for messages
  std::vector<archive::EntryInfo> entries;
};

struct PlannedEntry {
  std::string target;     // relative path in the merged tree: "lib/libcudart.so.12"
  std::string component;  // whose archive it comes from
  std::string source;     // the entry's name as stored in that archive
  archive::EntryKind kind = archive::EntryKind::other;
  std::string link_target;  // symlinks: as stored; hard links: the target's path in the merged tree
  bool operator==(const PlannedEntry&) const = default;
};

// A regular file that more than one component ships at the same target. The plan keeps the first
// (in entries); the executor compares the others' content with it and calls check_collision.
struct Collision {
  struct Source {
    std::string component;
    std::string source;
    bool operator==(const Source&) const = default;
  };
  std::string target;
  std::vector<Source> sources;  // sources[0] is the one in MergePlan::entries
};

struct TreeLink {
  std::string path;    // "lib64"
  std::string target;  // "lib"
  bool operator==(const TreeLink&) const = default;
};

struct MergePlan {
  std::vector<std::string> top_folders;  // per listing, the folder stripped
  std::vector<PlannedEntry> entries;     // in listing order; directories included
  std::vector<Collision> collisions;
  std::vector<TreeLink> links;  // created after the entries
};

// The one top folder every entry of the archive lies in ("cuda_cudart-linux-x86_64-12.1.105-archive").
// Refuses an empty archive, an unsafe name, an entry beside the folder or a second top folder.
std::string top_folder_of(const ArchiveListing& listing);

// Strips each archive's top folder and maps its entries into the tree:
//  - lib64/… goes to lib/… (the tree's lib64 is a link to lib); an archive's own lib64 -> lib
//    symlink is dropped in favour of the tree's;
//  - files at the archive's top (LICENSE, …) go to share/doc/<component>/, so each component's
//    license is kept instead of colliding;
//  - the same directory from several archives is planned once; the same symlink (same target) too.
// Refuses two components shipping different kinds at one path (a file and a directory), two
// symlinks with different targets, an entry below another component's file or symlink, and a
// symlink that is absolute or points outside the tree.
MergePlan plan_merge(const std::vector<ArchiveListing>& listings);

// The executor's verdict on a collision: identical content is fine (the first copy stays);
// different content throws Error naming the path and the components.
void check_collision(const Collision& collision, bool identical_content);

// The tree's directories that hold shared libraries, for RPATHs and program wrappers; any
// directory with a "stubs" component is left out (see the note at the top).
std::vector<std::string> runtime_library_dirs(const MergePlan& plan);

// Whether a relative path lies in a stubs directory ("lib/stubs/libcuda.so").
bool is_in_stubs_dir(std::string_view path);

}  // namespace userpkg::cuda
