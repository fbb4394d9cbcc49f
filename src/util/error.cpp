#include "util/error.hpp"

#include <cstring>

namespace userpkg {

std::string errno_text(int err) { return std::strerror(err); }

}  // namespace userpkg
