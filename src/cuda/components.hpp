#pragma once
// Which of a CUDA release's components to install: the names users type (issue 4's cudart, nvcc,
// cublas, …) mapped to NVIDIA's manifest keys, the "+name" / "~name" options of
// `cuda@12.1 +nvcc +cublas`, what each needs beside it, and the archives that result for one
// platform.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cuda/redist_entry.hpp"
#include "cuda/redist_manifest.hpp"

namespace userpkg::cuda {

struct ComponentName {
  std::string_view name;  // what users type: "cublas"
  std::string_view key;   // NVIDIA's manifest key: "libcublas"
  std::string_view what;  // one line for help and errors
};

// The selectable components, in the order userpkg lists and installs them.
const std::vector<ComponentName>& component_names();

// "cublas" (or NVIDIA's own "libcublas") -> "libcublas". Unknown: Error with the nearest name.
std::string component_key(std::string_view name);

// The default set: cudart and nvcc, which is what compiling and linking a .cu file needs.
// The math libraries are opt-in ("+cublas"): each is hundreds of MB, and PyTorch's wheels bring
// their own copies.
std::vector<std::string> default_component_names();

// Options as written after the version, e.g. "+nvcc +cublas", "+cublas+cufft ~nvcc": "+name" adds
// to the default set, "~name" removes from it. Returns the chosen names in component_names()
// order. Refuses unknown names (suggesting the nearest), tokens without + or ~, and an empty
// result.
std::vector<std::string> parse_component_options(std::string_view options);

// NVIDIA keys for the chosen names plus the components they cannot work without, in install
// order, without duplicates:
//   nvcc     -> cuda_nvcc, cuda_cudart (cuda_runtime.h, libcudart_static.a, which nvcc links by
//               default), cuda_cccl (12.x headers include <nv/target> and <cuda/std/…> from
//               CCCL: without it even an empty kernel fails to compile); where the manifest has
//               them, cuda_crt and libnvvm (CUDA 13 moved crt/ headers and nvvm/ (cicc,
//               libdevice) out of cuda_nvcc into these)
//   cusolver -> libcusolver, libcublas, libcusparse (libcusolver.so links both), libnvjitlink
//   cusparse, cufft -> libnvjitlink where the manifest has it (12.x libraries link libnvJitLink)
// A required key the manifest lacks is refused naming the manifest's release; an optional
// companion it lacks is skipped.
std::vector<std::string> component_keys_for(const std::vector<std::string>& names, const RedistManifest& manifest);

// NVIDIA's platform name for a machine architecture (uname -m): "x86_64" -> "linux-x86_64",
// "aarch64" -> "linux-sbsa" (server ARM; Jetson's "linux-aarch64" is not supported).
std::string redist_platform_for_arch(std::string_view machine);

// The archive of each key for `platform`. A component published per CUDA version (cuDNN's
// cuda11/cuda12) needs `cuda_major`. Refuses a key the manifest lacks, a platform or CUDA variant
// the component is not published for (listing those that are).
std::vector<RedistEntry> select_entries(const RedistManifest& manifest, const std::vector<std::string>& keys,
                                        std::string_view platform, std::optional<int> cuda_major = std::nullopt);

}  // namespace userpkg::cuda
