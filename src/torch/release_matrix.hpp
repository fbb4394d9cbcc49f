#pragma once
// What PyTorch publishes, as data: the CUDA variants built for each torch minor release, and the
// torchvision / torchaudio release made for each torch release. Pure values, no I/O.
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/version.hpp"

namespace userpkg {

struct TorchVariantsRow {
  const char* torch_minor;  // "2.1"
  const char* variants;     // CUDA variants, oldest first, space-separated: "cu118 cu121"
};

struct TorchCompanionRow {
  const char* torch;        // "2.1.2"
  const char* torchvision;  // "0.16.2"
  const char* torchaudio;   // "2.1.2"
};

// Newest first.
std::span<const TorchVariantsRow> torch_variant_table();
std::span<const TorchCompanionRow> torch_companion_table();

// The variants published for a torch version (any patch release of a minor in the table): the
// CUDA ones newest first, then "cpu". nullopt when the table does not know that minor release.
std::optional<std::vector<std::string>> variants_for_torch(const Version& torch);

// The projects whose wheels live beside torch's on the index and follow its releases.
bool is_torch_project(std::string_view project);  // torch, torchvision, torchaudio

// The torch release a project's version belongs to: torch 2.1.2 → itself, torchvision 0.16.2 →
// 2.1.2, torchaudio 2.1.2 → 2.1.2. nullopt when the table does not know the release. A torch
// version is itself even when not in the table.
std::optional<Version> torch_release_of(std::string_view project, const Version& version);

// The other direction: the torchvision / torchaudio release made for a torch release.
std::optional<Version> companion_release(std::string_view project, const Version& torch);

}  // namespace userpkg
