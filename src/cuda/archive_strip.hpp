#pragma once
// [redist] strip = "nvidia/nccl": the folder inside each archive whose contents become the tree.
// NCCL ships as a Python wheel (nvidia/nccl/include/nccl.h, nvidia/nccl/lib/libnccl.so.2 beside a
// nvidia_nccl_cu12-<v>.dist-info/), not as NVIDIA's one-top-folder redist archive; selecting the
// subtree turns the wheel's listing into one that plan_merge takes as it is (pure: no I/O).
#include <string>
#include <string_view>

#include "cuda/merge_plan.hpp"

namespace userpkg::cuda {

// Why `strip` is unusable as a folder path inside an archive (empty string: fine).
std::string strip_problem(std::string_view strip);

// The folder that holds `strip`, relative to the archive root ("nvidia" for "nvidia/nccl"; "" for
// "nccl"): the executor reads the selected entries' sources below it.
std::string strip_parent(std::string_view strip);

// The entries at and below `strip`, named relative to strip_parent (so the listing's one top folder
// is strip's last component, which plan_merge strips). Everything else is dropped (the wheel's
// dist-info, other packages), and so are Python's package markers (__init__.py, __pycache__/),
// which mean nothing in a C library's tree. Throws Error when the archive has no directory `strip`.
ArchiveListing select_subtree(const ArchiveListing& listing, std::string_view strip);

}  // namespace userpkg::cuda
