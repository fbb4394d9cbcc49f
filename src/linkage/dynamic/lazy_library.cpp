#include "linkage/dynamic/lazy_library.hpp"

#include <dlfcn.h>
#include <map>
#include <mutex>

#include "util/error.hpp"

namespace userpkg {

void* lazy_symbol(const char* soname, const char* symbol, const char* provided_by) {
  static std::mutex mutex;
  static std::map<std::string, void*> handles;
  std::lock_guard<std::mutex> lock(mutex);
  void*& handle = handles[soname];
  if (!handle) {
    handle = ::dlopen(soname, RTLD_NOW | RTLD_LOCAL);
    if (!handle) {
      const char* why = ::dlerror();
      throw Error(std::string("cannot load ") + soname, why ? why : "dlopen failed",
                  std::string("install ") + provided_by + ", or check LD_LIBRARY_PATH (`userpkg doctor`)");
    }
  }
  ::dlerror();
  void* address = ::dlsym(handle, symbol);
  if (!address) {
    const char* why = ::dlerror();
    throw Error(std::string("cannot find ") + symbol + " in " + soname, why ? why : "no such symbol",
                std::string("userpkg needs a newer ") + provided_by);
  }
  return address;
}

}  // namespace userpkg
