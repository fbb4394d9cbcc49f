#pragma once
// The NVIDIA driver: is there one, which version, and the newest CUDA it supports. Read without
// root and, when possible, without nvidia-smi, first answer wins:
//   USERPKG_CUDA_DRIVER (override: "12.2", a driver version "535.104.05", or "none"),
//   libcuda.so.1's cuDriverGetVersion (no cuInit, no GPU access needed; dynamic build only, see
//   linkage/libcuda_query.hpp),
//   /proc/driver/nvidia/version (kernel module version) + the driver->CUDA table,
//   nvidia-smi's header ("Driver Version: … CUDA Version: 12.2").
// Every path and program is a parameter so tests can hand in stubs and fixture files.
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/version.hpp"
#include "util/environment.hpp"

namespace userpkg {

struct NvidiaDriver {
  bool present = false;
  std::string driver_version;      // "535.104.05"; empty when only cuDriverGetVersion answered
  std::optional<Version> max_cuda;  // "12.2"; empty when absent or older than CUDA 11.0
  std::string source;              // "USERPKG_CUDA_DRIVER", "libcuda", "/proc", "nvidia-smi", "none found"
  std::vector<std::string> notes;  // what each step that did not answer said, in order
};

struct DriverProbe {
  Environment env;  // for USERPKG_CUDA_DRIVER, and PATH to find nvidia-smi
  std::string libcuda = "libcuda.so.1";                                // dlopen name or path
  std::filesystem::path proc_version = "/proc/driver/nvidia/version";  // kernel module's version file
  std::string nvidia_smi = "nvidia-smi";                               // program name or path
};

// Runs the steps above. Throws Error only for an invalid USERPKG_CUDA_DRIVER.
NvidiaDriver detect_nvidia_driver(const DriverProbe& probe);

// --- The steps, each usable on its own ---

// USERPKG_CUDA_DRIVER's value: "12.2" (a CUDA version), "535.104.05" (a driver version, mapped
// through the table) or "none". Throws Error for anything else.
NvidiaDriver driver_from_override(const std::string& value);

// cuDriverGetVersion's integer as a CUDA version: 12020 -> 12.2; nullopt if not positive.
std::optional<Version> cuda_from_driver_api(int version);

// The driver version in /proc/driver/nvidia/version's text, proprietary
//   "NVRM version: NVIDIA UNIX x86_64 Kernel Module  535.104.05  Sat Aug 19 …"
// or open kernel module
//   "NVRM version: NVIDIA UNIX Open Kernel Module for x86_64  550.54.14  Release Build …".
std::optional<std::string> parse_proc_driver_version(std::string_view text);

// From nvidia-smi's header: "CUDA Version: 12.2" and "Driver Version: 535.104.05".
std::optional<Version> parse_nvidia_smi_cuda(std::string_view text);
std::optional<std::string> parse_nvidia_smi_driver(std::string_view text);

// "NVIDIA driver 535.104.05, CUDA up to 12.2 (from /proc)" / "no NVIDIA driver (USERPKG_CUDA_DRIVER=none)".
std::string describe_driver(const NvidiaDriver& driver);

// Why a present driver cannot run CUDA toolkit `cuda` (driver_too_old_message); nullopt when it can,
// and when there is no driver at all (installing without a GPU is allowed: compiling on a login node).
std::optional<std::string> driver_refuses_cuda(const NvidiaDriver& driver, const Version& cuda);

}  // namespace userpkg
