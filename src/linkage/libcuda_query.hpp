#pragma once
// cuDriverGetVersion from the NVIDIA driver's libcuda.so.1: the one fact platform/nvidia_driver
// wants from a host library. The dynamic build loads it (linkage/dynamic/libcuda_query.cpp); a
// static program cannot load the host's shared libraries, so the static build answers "not asked"
// (linkage/static/libcuda_query.cpp) and the driver is read from /proc or nvidia-smi instead.
#include <optional>
#include <string>

namespace userpkg {

// Loads `library` and calls cuDriverGetVersion. nullopt with `why` filled when that fails.
std::optional<int> query_libcuda(const std::string& library, std::string& why);

}  // namespace userpkg
