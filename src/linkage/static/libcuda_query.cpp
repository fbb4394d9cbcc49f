#include "linkage/libcuda_query.hpp"

namespace userpkg {

std::optional<int> query_libcuda(const std::string& library, std::string& why) {
  why = library + " not loaded: the static userpkg cannot load the host's shared libraries";
  return std::nullopt;
}

}  // namespace userpkg
