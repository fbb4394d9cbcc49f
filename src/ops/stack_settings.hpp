#pragma once
// Settings of the Python/GPU stack: which interpreter pip and wheels go to, where PyTorch's wheel
// index and NVIDIA's redistributables live, where other wheels come from, which CUDA variant.
// Like every setting: command line > environment > config file > these defaults (cli/settings.cpp).
#include <string>
#include <vector>

namespace userpkg {

inline constexpr const char* kDefaultTorchIndex = "https://download.pytorch.org/whl";
inline constexpr const char* kDefaultCudaRedist = "https://developer.download.nvidia.com/compute/";

struct StackSettings {
  std::string python;  // --python PATH|SPEC; empty: the newest userpkg-installed python
  std::string torch_index = kDefaultTorchIndex;  // root of <variant>/torch/ pages
  std::string cuda_redist = kDefaultCudaRedist;  // root holding cuda/redist/, cudnn/redist/, …
  std::vector<std::string> wheelhouses;          // each: pip --no-index --find-links DIR
  std::string index_url;                         // pip --index-url for dependencies; empty: pip's own
  std::string cuda = "auto";                     // auto | cpu | cu118 | cu121 | …
  bool allow_unverified = false;                 // take a wheel the index publishes without a sha256
  bool force = false;                            // install even though the driver cannot run it
};

}  // namespace userpkg
