#pragma once
// Which PyTorch variant (cpu, cu118, cu121, …) to install, from the user's --cuda, the variants
// published for that torch release and the NVIDIA driver. Pure: the driver is a value.
//   auto:  the newest CUDA variant the driver supports; cpu when there is no (usable) driver.
//   cpu / cuXYZ: checked against what exists for that release and against the driver; refused
//          with an explanation unless force.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/version.hpp"
#include "platform/nvidia_driver.hpp"

namespace userpkg {

// "cu121" → 12.1, "cu118" → 11.8, "cu130" → 13.0; nullopt for "cpu". Throws Error for anything
// else ("cuda12", "rocm6.2": userpkg chooses among NVIDIA builds only).
std::optional<Version> variant_cuda(std::string_view variant);

struct VariantChoice {
  std::string variant;             // "cu121", "cpu"
  std::string reason;              // "the newest CUDA build of torch 2.1 that driver … supports"
  std::vector<std::string> notes;  // things the user should know (forced past a refusal, no GPU)
};

// request: "auto", "cpu" or "cuXYZ". published: variants_for_torch(torch) (nullopt: the table
// does not know this release). Throws Error (what, why, hint) when the request cannot be met.
VariantChoice choose_variant(std::string_view request, const Version& torch,
                             const std::optional<std::vector<std::string>>& published, const NvidiaDriver& driver,
                             bool force);

}  // namespace userpkg
