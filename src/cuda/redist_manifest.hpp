#pragma once
// NVIDIA's redistributable manifests, redistrib_<version>.json, parsed as NVIDIA writes them
// (https://developer.download.nvidia.com/compute/cuda/redist/, …/cudnn/redist/):
//
//   { "release_date": "2023-04-18", "release_label": "12.1.1", "release_product": "cuda",
//     "cuda_cudart": { "name": "CUDA Runtime (cudart)", "license": "CUDA Toolkit",
//                      "license_path": "cuda_cudart/LICENSE.txt", "version": "12.1.105",
//                      "linux-x86_64": { "relative_path": "cuda_cudart/linux-x86_64/…-archive.tar.xz",
//                                        "sha256": "…", "md5": "…", "size": "1015888" },
//                      "linux-sbsa": {…}, "windows-x86_64": {…} },
//     … }
//
// A leaf may carry "url" (an absolute http(s) URL) instead of "relative_path": userpkg's own
// extension for archives outside the redist root, such as NCCL's wheels on PyPI.
//
// cuDNN nests one level deeper: "cuda_variant": ["11", "12"] and each platform maps "cuda11" /
// "cuda12" to such a leaf. Top-level string members other than the three release_* ones are
// kept as metadata; every top-level object is a component.
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace userpkg::cuda {

struct RedistArchive {
  std::string relative_path;
  std::string sha256;  // lowercase hex
  std::string md5;     // as published; empty when absent (userpkg verifies sha256 only)
  std::uint64_t size = 0;  // 0: not published (allowed for url entries only)
  // userpkg's extension for products NVIDIA publishes no manifest for (NCCL's PyPI wheels): an
  // absolute URL instead of relative_path, pinned by sha256; "size" is optional then.
  std::string url;
  bool operator==(const RedistArchive&) const = default;
};

struct RedistComponent {
  std::string key;  // "cuda_cudart", "libcublas", "cudnn"
  std::string name;
  std::string license;
  std::string license_path;
  std::string version;                     // the component's own version: "12.1.105"
  std::vector<std::string> cuda_variants;  // cuDNN's "cuda_variant": {"11", "12"}; empty for CUDA
  // userpkg's extension, with url leaves: "strip": "nvidia/nccl", the folder inside each archive
  // whose contents become the tree (the rest, such as a wheel's dist-info, is dropped); "": all.
  std::string strip;
  // platform ("linux-x86_64") -> variant -> archive. The variant is "" where the platform value
  // is a leaf, and "cuda11"/"cuda12" where it is cuDNN's per-CUDA map.
  std::map<std::string, std::map<std::string, RedistArchive>> platforms;
};

struct RedistManifest {
  std::string release_date;
  std::string release_label;  // "12.1.1", "8.9.7"
  std::string release_product;
  std::map<std::string, std::string> metadata;  // other top-level strings
  std::map<std::string, RedistComponent> components;
};

// Throws Error naming `origin` (file or URL) for text that is not JSON or a manifest that breaks
// the format: a missing or non-64-hex sha256, an absolute relative_path or one with "..", a size
// that is not a decimal number, a platform that is neither a leaf nor a map of cudaNN leaves.
RedistManifest parse_redist_manifest(std::string_view text, std::string_view origin);
RedistManifest redist_manifest_from_json(const nlohmann::json& json, std::string_view origin);

}  // namespace userpkg::cuda
