#pragma once
// Check 8 ("gpu"): the facts that choose binary packages — glibc, CPU architecture, the NVIDIA driver
// and the newest CUDA it supports — and a CUDA_VISIBLE_DEVICES that hides GPUs or does not parse.
#include <optional>
#include <string>
#include <vector>

#include "doctor/finding.hpp"
#include "platform/machine.hpp"
#include "platform/nvidia_driver.hpp"
#include "util/environment.hpp"

namespace userpkg {

struct GpuFacts {
  std::optional<GlibcVersion> glibc;  // empty when USERPKG_GLIBC is invalid, or no glibc is found
  std::string glibc_error;            // then: why
  bool glibc_override = false;        // USERPKG_GLIBC is set
  std::string running_glibc;          // host_glibc_text(), to compare with an override
  MachineArch arch;
  std::optional<NvidiaDriver> driver;  // empty when USERPKG_CUDA_DRIVER is invalid
  std::string driver_error;            // then: why
  std::optional<int> gpu_count;        // GPUs the kernel module lists; empty: unknown
  std::vector<std::string> gpu_uuids;  // their "GPU-…" UUIDs, when the kernel module names them
  std::optional<std::string> cuda_visible_devices;  // empty: unset
};

std::vector<Finding> check_gpu(const GpuFacts& facts);

// The CUDA_VISIBLE_DEVICES part alone: nothing when unset. CUDA reads the list up to its first
// invalid entry and hides everything from there on (the CUDA C Programming Guide's rule).
// gpu_uuids (empty: unknown) rules out GPU-<uuid> entries that name no GPU of this machine; CUDA
// accepts any unique prefix of a UUID. MIG-<uuid> entries are not checked (/proc does not list them).
std::vector<Finding> check_cuda_visible_devices(const std::optional<std::string>& value,
                                                const std::optional<int>& gpu_count, bool driver_present,
                                                const std::vector<std::string>& gpu_uuids = {});

// The "GPU UUID:" line of /proc/driver/nvidia/gpus/<pci address>/information; empty if absent.
std::string parse_gpu_information_uuid(const std::string& text);

// Reads this machine: glibc, uname, the driver (libcuda, /proc, nvidia-smi), /proc/driver/nvidia/gpus.
GpuFacts gather_gpu_facts(const Environment& env);

}  // namespace userpkg
