#include "linkage/libcuda_query.hpp"

#include <dlfcn.h>

namespace userpkg {
namespace {

constexpr int cuda_success = 0;
constexpr int cuda_error_stub_library = 34;  // CUDA_ERROR_STUB_LIBRARY: the toolkit's lib/stubs/libcuda.so

}  // namespace

std::optional<int> query_libcuda(const std::string& library, std::string& why) {
  ::dlerror();
  void* handle = ::dlopen(library.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (!handle) {
    const char* err = ::dlerror();
    why = err ? err : library + ": cannot be loaded";
    return std::nullopt;
  }
  using GetVersion = int (*)(int*);
  auto get_version = reinterpret_cast<GetVersion>(::dlsym(handle, "cuDriverGetVersion"));
  std::optional<int> out;
  if (!get_version) {
    why = library + " has no cuDriverGetVersion";
  } else {
    int version = 0;
    int rc = get_version(&version);
    if (rc == cuda_error_stub_library)
      why = library + " is the CUDA toolkit's stub library (lib/stubs), not a driver";
    else if (rc != cuda_success)
      why = library + ": cuDriverGetVersion failed with CUDA error " + std::to_string(rc);
    else if (version <= 0)
      why = library + ": cuDriverGetVersion answered " + std::to_string(version);
    else
      out = version;
  }
  ::dlclose(handle);
  return out;
}

}  // namespace userpkg
