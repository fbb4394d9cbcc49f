#include "torch/release_matrix.hpp"

#include <algorithm>
#include <array>

#include "platform/cuda_driver_table.hpp"
#include "util/strings.hpp"

namespace userpkg {
namespace {

// Source: PyTorch's RELEASE.md, "Release Compatibility Matrix" (github.com/pytorch/pytorch, main,
// read 2026-11): the "Stable CUDA" and "Experimental CUDA" columns together are the variants
// download.pytorch.org/whl/<variant>/ carries for each minor release; every release also has cpu.
// ROCm and XPU variants are left out: userpkg chooses among NVIDIA builds only. Add new releases
// at the top.
constexpr std::array<TorchVariantsRow, 13> variant_rows{{
    {"2.11", "cu126 cu128 cu130"},
    {"2.10", "cu126 cu128 cu130"},
    {"2.9", "cu126 cu128 cu130"},
    {"2.8", "cu126 cu128 cu129"},
    {"2.7", "cu118 cu126 cu128"},
    {"2.6", "cu118 cu124 cu126"},
    {"2.5", "cu118 cu121 cu124"},
    {"2.4", "cu118 cu121 cu124"},
    {"2.3", "cu118 cu121"},
    {"2.2", "cu118 cu121"},
    {"2.1", "cu118 cu121"},
    {"2.0", "cu117 cu118"},
    {"1.13", "cu116 cu117"},
}};

// Source: pytorch.org/get-started/previous-versions/ (the `pip install torch==… torchvision==…
// torchaudio==…` lines) and the domain libraries' release notes. torch 2.0.x is the odd one out:
// its torchvision and torchaudio were re-released (2.0.0 came with 0.15.1 / 2.0.1).
constexpr std::array<TorchCompanionRow, 22> companion_rows{{
    {"2.9.1", "0.24.1", "2.9.1"}, {"2.9.0", "0.24.0", "2.9.0"}, {"2.8.0", "0.23.0", "2.8.0"},
    {"2.7.1", "0.22.1", "2.7.1"}, {"2.7.0", "0.22.0", "2.7.0"}, {"2.6.0", "0.21.0", "2.6.0"},
    {"2.5.1", "0.20.1", "2.5.1"}, {"2.5.0", "0.20.0", "2.5.0"}, {"2.4.1", "0.19.1", "2.4.1"},
    {"2.4.0", "0.19.0", "2.4.0"}, {"2.3.1", "0.18.1", "2.3.1"}, {"2.3.0", "0.18.0", "2.3.0"},
    {"2.2.2", "0.17.2", "2.2.2"}, {"2.2.1", "0.17.1", "2.2.1"}, {"2.2.0", "0.17.0", "2.2.0"},
    {"2.1.2", "0.16.2", "2.1.2"}, {"2.1.1", "0.16.1", "2.1.1"}, {"2.1.0", "0.16.0", "2.1.0"},
    {"2.0.1", "0.15.2", "2.0.2"}, {"2.0.0", "0.15.1", "2.0.1"}, {"1.13.1", "0.14.1", "0.13.1"},
    {"1.13.0", "0.14.0", "0.13.0"},
}};

const char* column(const TorchCompanionRow& row, std::string_view project) {
  if (project == "torchvision") return row.torchvision;
  if (project == "torchaudio") return row.torchaudio;
  return row.torch;
}

}  // namespace

std::span<const TorchVariantsRow> torch_variant_table() { return variant_rows; }
std::span<const TorchCompanionRow> torch_companion_table() { return companion_rows; }

std::optional<std::vector<std::string>> variants_for_torch(const Version& torch) {
  const Version minor = major_minor(torch);
  for (const TorchVariantsRow& row : variant_rows) {
    if (Version::parse(row.torch_minor) != minor) continue;
    std::vector<std::string> out = split(row.variants, ' ', true);
    std::reverse(out.begin(), out.end());
    out.push_back("cpu");
    return out;
  }
  return std::nullopt;
}

bool is_torch_project(std::string_view project) {
  return project == "torch" || project == "torchvision" || project == "torchaudio";
}

std::optional<Version> torch_release_of(std::string_view project, const Version& version) {
  if (project == "torch") return version;
  for (const TorchCompanionRow& row : companion_rows)
    if (Version::parse(column(row, project)) == version) return Version::parse(row.torch);
  return std::nullopt;
}

std::optional<Version> companion_release(std::string_view project, const Version& torch) {
  for (const TorchCompanionRow& row : companion_rows)
    if (Version::parse(row.torch) == torch) return Version::parse(column(row, project));
  return std::nullopt;
}

}  // namespace userpkg
