#include "linkage/build_kind.hpp"

namespace userpkg {

bool statically_linked() { return false; }

}  // namespace userpkg
