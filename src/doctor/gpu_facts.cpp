// Gathering for the gpu check: glibc, uname, the NVIDIA driver, the GPUs the kernel module lists.
#include <filesystem>

#include "doctor/gpu_check.hpp"
#include "util/error.hpp"
#include "util/fs.hpp"

namespace userpkg {

GpuFacts gather_gpu_facts(const Environment& env) {
  GpuFacts facts;
  facts.running_glibc = host_glibc_text();
  facts.glibc_override = env.get("USERPKG_GLIBC").value_or("") != "";
  try {
    facts.glibc = detect_glibc(env);
  } catch (const Error& e) {
    facts.glibc_error = std::string(e.what()) + " (" + e.why() + ")";
  }
  facts.arch = detect_arch();
  try {
    facts.driver = detect_nvidia_driver(DriverProbe{env});
  } catch (const Error& e) {
    facts.driver_error = std::string(e.what()) + " (" + e.why() + ")";
  }
  // One directory per GPU (named by PCI address) while the kernel module is loaded.
  const std::filesystem::path gpus = "/proc/driver/nvidia/gpus";
  std::error_code ec;
  if (std::filesystem::is_directory(gpus, ec)) {
    const auto entries = directory_entries(gpus);
    facts.gpu_count = static_cast<int>(entries.size());
    for (const auto& entry : entries) {
      std::string text;
      try {
        text = read_file(entry / "information");
      } catch (const Error&) {
        continue;  // unreadable: that GPU's UUID stays unknown
      }
      if (std::string uuid = parse_gpu_information_uuid(text); !uuid.empty()) facts.gpu_uuids.push_back(uuid);
    }
    // Only a complete list can rule a UUID out.
    if (facts.gpu_uuids.size() != entries.size()) facts.gpu_uuids.clear();
  }
  facts.cuda_visible_devices = env.get("CUDA_VISIBLE_DEVICES");
  return facts;
}

}  // namespace userpkg
