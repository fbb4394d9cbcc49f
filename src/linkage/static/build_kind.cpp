#include "linkage/build_kind.hpp"

namespace userpkg {

bool statically_linked() { return true; }

}  // namespace userpkg
