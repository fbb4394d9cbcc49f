#include "platform/cuda_driver_table.hpp"

#include <array>

namespace userpkg {
namespace {

// Source: NVIDIA CUDA Toolkit Release Notes, "CUDA Toolkit and Corresponding Driver Versions"
// (https://docs.nvidia.com/cuda/cuda-toolkit-release-notes/, Linux x86_64 column, the GA row of
// each minor release; CUDA 11.0 is 11.0.2 GA, its first general release). Later updates of a minor
// release may need a slightly newer driver (12.0 Update 1: 525.85.12); userpkg counts the GA row,
// as nvidia-smi's "CUDA Version" does. Add new releases at the top.
constexpr std::array<CudaDriverRow, 19> rows{{
    {"13.0", "580.65.06"},
    {"12.9", "575.51.03"},
    {"12.8", "570.26"},
    {"12.6", "560.28.03"},
    {"12.5", "555.42.02"},
    {"12.4", "550.54.14"},
    {"12.3", "545.23.06"},
    {"12.2", "535.54.03"},
    {"12.1", "530.30.02"},
    {"12.0", "525.60.13"},
    {"11.8", "520.61.05"},
    {"11.7", "515.43.04"},
    {"11.6", "510.39.01"},
    {"11.5", "495.29.05"},
    {"11.4", "470.42.01"},
    {"11.3", "465.19.01"},
    {"11.2", "460.27.03"},
    {"11.1", "455.23"},
    {"11.0", "450.51.05"},
}};

}  // namespace

std::span<const CudaDriverRow> cuda_driver_table() { return rows; }

Version major_minor(const Version& version) {
  const auto& parts = version.parts();
  std::string text = std::to_string(parts.empty() ? 0 : parts[0].number) + "." +
                     std::to_string(parts.size() < 2 ? 0 : parts[1].number);
  return Version::parse(text);
}

std::optional<Version> max_cuda_for_driver(const Version& driver) {
  for (const CudaDriverRow& row : rows)
    if (driver >= Version::parse(row.driver)) return Version::parse(row.cuda);
  return std::nullopt;
}

std::optional<Version> min_driver_for_cuda(const Version& cuda) {
  const Version wanted = major_minor(cuda);
  for (const CudaDriverRow& row : rows)
    if (Version::parse(row.cuda) == wanted) return Version::parse(row.driver);
  return std::nullopt;
}

Version oldest_known_driver() { return Version::parse(rows.back().driver); }

std::string driver_too_old_message(const Version& cuda, const std::string& driver_version,
                                   const std::optional<Version>& max_cuda) {
  const Version wanted = major_minor(cuda);
  std::string out = "CUDA " + wanted.str() + " needs ";
  if (auto min = min_driver_for_cuda(wanted))
    out += "driver >= " + min->str();
  else
    out += "a driver newer than userpkg's table knows (CUDA " + std::string(rows.front().cuda) + ": >= " +
           rows.front().driver + ")";
  out += "; this machine has ";
  // Only the CUDA version is known when USERPKG_CUDA_DRIVER names one: say that plainly.
  if (driver_version.empty() && max_cuda)
    out += "a driver that supports up to CUDA " + major_minor(*max_cuda).str();
  else if (max_cuda)
    out += driver_version + ", which supports up to CUDA " + major_minor(*max_cuda).str();
  else
    out += (driver_version.empty() ? std::string("a driver") : driver_version) +
           ", which supports only CUDA older than 11.0 (CUDA 11.0 needs >= " + oldest_known_driver().str() + ")";
  return out;
}

}  // namespace userpkg
