#pragma once
// The decisions of installing a cuda-redist recipe, as pure values: which archives of which
// manifest, where each is downloaded from, whether the machine's driver can run the result, and
// which of cuDNN's per-CUDA builds fits. ops/cuda_redist does the I/O around them.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/recipe.hpp"
#include "core/version.hpp"
#include "cuda/redist_entry.hpp"
#include "cuda/redist_manifest.hpp"
#include "platform/nvidia_driver.hpp"

namespace userpkg::cuda {

// <root>/<product>/redist/<relative_path>, with exactly one '/' at each join
// ("https://developer.download.nvidia.com/compute/" + "cuda" + "cuda_cudart/linux-x86_64/…").
std::string archive_url(std::string_view redist_root, std::string_view product, std::string_view relative_path);
// Where `entry` is downloaded from: its own url when it has one (NCCL's wheels), else as above.
std::string archive_url(std::string_view redist_root, std::string_view product, const RedistEntry& entry);

// What a recipe's release installs: the names users chose (CUDA) and the manifest keys with the
// archive of each for the platform.
struct RedistChoice {
  std::vector<std::string> names;    // "cudart", "nvcc", "cublas"; for fixed products the keys
  std::vector<std::string> keys;     // "cuda_cudart", "cuda_nvcc", "cuda_cccl", …
  std::vector<RedistEntry> entries;  // one per key
};

// For product "cuda" (no fixed [redist] components): the +/~ options (default set when empty);
// otherwise the recipe's components, and options are refused. cuda_major picks cuDNN-style
// per-CUDA archives.
RedistChoice choose_archives(const RedistSpec& spec, const std::string& package, const RedistManifest& manifest,
                             std::string_view options, std::string_view platform, std::optional<int> cuda_major);

// The "cuda11"/"cuda12" variants the chosen components publish for `platform` (as majors, sorted);
// empty when every archive is a plain leaf.
std::vector<int> published_cuda_majors(const RedistManifest& manifest, const std::vector<std::string>& keys,
                                       std::string_view platform);

// Which CUDA major a per-CUDA build (cuDNN) is chosen for, first answer wins: --cuda cuNNN (not
// "auto"/"cpu"), the CUDA toolkit of this install or the prefix, the newest published variant the
// driver supports, the newest published variant. `why` says which.
struct CudaMajorChoice {
  int major = 0;
  std::string why;
};
CudaMajorChoice choose_cuda_major(const std::vector<int>& published, std::string_view cuda_setting,
                                  const std::optional<Version>& cuda_in_prefix, const NvidiaDriver& driver);

// Before downloading: can the machine's driver run CUDA `cuda`? Returns the note to show (empty:
// nothing to say). Throws Error when the driver is too old, naming the driver, the newest CUDA it
// supports and `retry` (the command that would work; empty: none known) — unless `force`, which
// turns the refusal into a note. No driver at all is allowed with a note (compiling on a login node).
std::string check_driver(const NvidiaDriver& driver, const Version& cuda, bool force, const std::string& what,
                         const std::string& retry);

// The newest of `versions` whose major.minor the driver supports (for the retry command).
std::optional<Version> newest_supported(const std::vector<Version>& versions, const Version& max_cuda);

// Reinstalling with other components than the installed ones: the components asked for that the
// installed copy lacks (empty: the installed copy has them all). `installed` is the record's
// comma-separated "components" detail.
std::vector<std::string> missing_components(const std::vector<std::string>& wanted, std::string_view installed);

}  // namespace userpkg::cuda
