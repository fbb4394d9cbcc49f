#pragma once
// Which NVIDIA Linux driver each CUDA toolkit release needs, both ways: the newest CUDA a driver
// supports, and the oldest driver a CUDA version needs. Pure values, no I/O.
#include <optional>
#include <span>
#include <string>

#include "core/version.hpp"

namespace userpkg {

struct CudaDriverRow {
  const char* cuda;    // "12.2": the toolkit's major.minor (its GA release)
  const char* driver;  // "535.54.03": the oldest Linux x86_64 driver that release needs
};

// Newest first. CUDA 11.0 and later only: older toolkits are out of userpkg's scope.
std::span<const CudaDriverRow> cuda_driver_table();

// The newest CUDA major.minor driver supports; nullopt if the driver predates CUDA 11.0.
std::optional<Version> max_cuda_for_driver(const Version& driver);

// The oldest driver for a CUDA version ("12.4" and "12.4.1" both give the 12.4 GA row's 550.54.14);
// nullopt for a version not in the table (older than 11.0, or newer than the table knows).
std::optional<Version> min_driver_for_cuda(const Version& cuda);

// The oldest driver in the table (CUDA 11.0's).
Version oldest_known_driver();

// Explains why a driver cannot run a CUDA toolkit:
//   "CUDA 12.4 needs driver >= 550.54.14; this machine has 535.104.05, which supports up to CUDA 12.2"
// driver_version may be empty (only the supported CUDA version is known); max_cuda may be empty
// (a driver older than CUDA 11.0).
std::string driver_too_old_message(const Version& cuda, const std::string& driver_version,
                                   const std::optional<Version>& max_cuda);

// First two parts of a version: "12.4.1" -> "12.4".
Version major_minor(const Version& version);

}  // namespace userpkg
