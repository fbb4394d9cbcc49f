#pragma once
// Manifests in the structure of NVIDIA's published redistrib_12.1.1.json (compute/cuda/redist/)
// and cuDNN's redistrib_8.9.7.json (compute/cudnn/redist/), cut down to a few components. Field
// names, nesting and value formats (sizes as strings, cuDNN's cuda_variant and cudaNN maps) are
// NVIDIA's; the linux-x86_64 sha256 of cuda_cccl, cuda_cudart and cuda_nvcc are the published
// ones, the other digests and the sizes are stand-ins of the right form.
#include <string>

#include "util/error.hpp"

namespace userpkg::test {

inline const char* const kCuda1211Manifest = R"json({
    "release_date": "2023-04-18",
    "release_label": "12.1.1",
    "release_product": "cuda",
    "cuda_cccl": {
        "name": "CXX Core Compute Libraries",
        "license": "CUDA Toolkit",
        "license_path": "cuda_cccl/LICENSE.txt",
        "version": "12.1.109",
        "linux-x86_64": {
            "relative_path": "cuda_cccl/linux-x86_64/cuda_cccl-linux-x86_64-12.1.109-archive.tar.xz",
            "sha256": "b84ef3ec3dc1b4891267be25846f0c3ed7f9fa84154d59eba805402b86991baa",
            "md5": "0a8fc5f46ffa5b8f9bbd7a2a3b4f5c11",
            "size": "1056464"
        },
        "linux-sbsa": {
            "relative_path": "cuda_cccl/linux-sbsa/cuda_cccl-linux-sbsa-12.1.109-archive.tar.xz",
            "sha256": "35aa1b1e7a0b5bd6ab0e1a2c6e7e2f7a8f42dbbd0b2e8f1c2d9f6cf4c8cba101",
            "md5": "6f2b3e6c1f3f2a1d9e8b7c6d5a4f3e21",
            "size": "1056844"
        },
        "windows-x86_64": {
            "relative_path": "cuda_cccl/windows-x86_64/cuda_cccl-windows-x86_64-12.1.109-archive.zip",
            "sha256": "4a2c8ebd1a1e1b0f08ffb4c9e0ea1c7c6a2f6c8a1e5b7d3f0c9b8a7e6d5c4b31",
            "md5": "a1b2c3d4e5f60718293a4b5c6d7e8f90",
            "size": "2919425"
        }
    },
    "cuda_cudart": {
        "name": "CUDA Runtime (cudart)",
        "license": "CUDA Toolkit",
        "license_path": "cuda_cudart/LICENSE.txt",
        "version": "12.1.105",
        "linux-x86_64": {
            "relative_path": "cuda_cudart/linux-x86_64/cuda_cudart-linux-x86_64-12.1.105-archive.tar.xz",
            "sha256": "6096ec878c8c443258d39c6e9cf2decef127f8aa8da594fdc5a336d047ab6bd9",
            "md5": "1f8b4ac7d1e5a2c0d9b3e6f7a8c9d0e1",
            "size": "1000304"
        },
        "linux-ppc64le": {
            "relative_path": "cuda_cudart/linux-ppc64le/cuda_cudart-linux-ppc64le-12.1.105-archive.tar.xz",
            "sha256": "5a9c5c8b8e2a7f6d4c3b2a1908f7e6d5c4b3a29180f7e6d5c4b3a2918f7e6d51",
            "md5": "2e9c5bd8e2f6b3d1e0c4f7a8b9d0e1f2",
            "size": "945120"
        },
        "linux-sbsa": {
            "relative_path": "cuda_cudart/linux-sbsa/cuda_cudart-linux-sbsa-12.1.105-archive.tar.xz",
            "sha256": "C1B1F0D9A8E7F6D5C4B3A2918F7E6D5C4B3A2918F7E6D5C4B3A2918F7E6D5C4B",
            "md5": "3fad6ce9f3a7c4e2f1d5a8b9c0e1f203",
            "size": "991868"
        },
        "windows-x86_64": {
            "relative_path": "cuda_cudart/windows-x86_64/cuda_cudart-windows-x86_64-12.1.105-archive.zip",
            "sha256": "8d6f1c7a3e5b2d9f0a4c6e8b1d3f5a7c9e0b2d4f6a8c0e1b3d5f7a9c1e3b5d77",
            "md5": "4abe7df0a4b8d5f3a2e6b9c0d1f20314",
            "size": "2935512"
        }
    },
    "cuda_nvcc": {
        "name": "CUDA NVCC",
        "license": "CUDA Toolkit",
        "license_path": "cuda_nvcc/LICENSE.txt",
        "version": "12.1.105",
        "linux-x86_64": {
            "relative_path": "cuda_nvcc/linux-x86_64/cuda_nvcc-linux-x86_64-12.1.105-archive.tar.xz",
            "sha256": "0b85f7eee17788abbd170b0b493c74ce2e9fd5a9604461b99c2c378165e1083b",
            "md5": "5bcf8e01b5c9e6f4b3f7c0d1e2f30425",
            "size": "48733228"
        },
        "linux-sbsa": {
            "relative_path": "cuda_nvcc/linux-sbsa/cuda_nvcc-linux-sbsa-12.1.105-archive.tar.xz",
            "sha256": "e1c7d5a3b9f8e6d4c2a0b9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d9c8",
            "md5": "6cd09f12c6daf7a5c4a8d1e2f3041536",
            "size": "44129168"
        }
    },
    "libcublas": {
        "name": "CUDA cuBLAS",
        "license": "CUDA Toolkit",
        "license_path": "libcublas/LICENSE.txt",
        "version": "12.1.3.1",
        "linux-x86_64": {
            "relative_path": "libcublas/linux-x86_64/libcublas-linux-x86_64-12.1.3.1-archive.tar.xz",
            "sha256": "9d4d5c7a5b1e8f3c2a6b9d0e4f7a1c3e5b8d0f2a4c6e8b0d2f4a6c8e0b2d4f6a",
            "md5": "7de1a023d7eb08b6d5b9e2f30415a647",
            "size": "562418764"
        }
    }
})json";

inline const char* const kCudnn897Manifest = R"json({
    "release_date": "2023-12-05",
    "release_label": "8.9.7",
    "release_product": "cudnn",
    "cudnn": {
        "name": "NVIDIA CUDA Deep Neural Network library",
        "license": "cudnn",
        "license_path": "cudnn/LICENSE.txt",
        "version": "8.9.7.29",
        "cuda_variant": [
            "11",
            "12"
        ],
        "linux-x86_64": {
            "cuda11": {
                "relative_path": "cudnn/linux-x86_64/cudnn-linux-x86_64-8.9.7.29_cuda11-archive.tar.xz",
                "sha256": "a3e2509028cecda0117ce5a0f42106346e82e86d390f4bb9475afc976c77402e",
                "md5": "9ee28df53dc5f83d97f5406f880d3953",
                "size": "860967256"
            },
            "cuda12": {
                "relative_path": "cudnn/linux-x86_64/cudnn-linux-x86_64-8.9.7.29_cuda12-archive.tar.xz",
                "sha256": "475333625c7e42a7af3ca0b2f7506a106e30c93b1aa0081cd9c13efb6e21e3bb",
                "md5": "046e32d5ab0fdc56878e9b33f3a6883d",
                "size": "864984964"
            }
        },
        "linux-ppc64le": {
            "cuda11": {
                "relative_path": "cudnn/linux-ppc64le/cudnn-linux-ppc64le-8.9.7.29_cuda11-archive.tar.xz",
                "sha256": "f23fd7d59f9d4f743fa926f317dab0d37f6ea21edb2726ceb607bea45b0f9f36",
                "md5": "44d8f80a90b6ba44379727a49a75b1fc",
                "size": "566421244"
            },
            "cuda12": {
                "relative_path": "cudnn/linux-ppc64le/cudnn-linux-ppc64le-8.9.7.29_cuda12-archive.tar.xz",
                "sha256": "8574d291b299f9cc0134304473c9933bd098cc717e8d0876f4aba9f9eebe1b76",
                "md5": "7acbeb71d48373ea343c13028172c783",
                "size": "566003020"
            }
        },
        "linux-sbsa": {
            "cuda12": {
                "relative_path": "cudnn/linux-sbsa/cudnn-linux-sbsa-8.9.7.29_cuda12-archive.tar.xz",
                "sha256": "e98b7c80010785e5d5ca01ee4ce9b5b0c8c73587ea6f8648be34d3f8d1d47bd1",
                "md5": "5bd2b7a2a0b8c1e3d4f5a6b7c8d9e0f1",
                "size": "565128924"
            }
        },
        "windows-x86_64": {
            "cuda11": {
                "relative_path": "cudnn/windows-x86_64/cudnn-windows-x86_64-8.9.7.29_cuda11-archive.zip",
                "sha256": "5e45478efe71a96329e6c0d2a3a2f79c747c15b2a51fead4b84c89b02cbf1671",
                "md5": "7dddb764c0a608ac23e72761be4c92c0",
                "size": "704240064"
            },
            "cuda12": {
                "relative_path": "cudnn/windows-x86_64/cudnn-windows-x86_64-8.9.7.29_cuda12-archive.zip",
                "sha256": "94fc17af8e83a26cc5d231ed23981b28c29c3fc2e87b1844ea3f46486f481df5",
                "md5": "aeb3b2a0b8c1d2e3f4a5b6c7d8e9f0a1",
                "size": "687255022"
            }
        }
    }
})json";

// what | why | hint of the Error `action` throws ("" if it throws none), for checking messages.
template <typename Action>
std::string error_text(Action&& action) {
  try {
    action();
  } catch (const userpkg::Error& e) {
    return std::string(e.what()) + " | " + e.why() + " | " + e.hint();
  }
  return {};
}

}  // namespace userpkg::test
