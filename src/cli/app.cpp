#include "cli/app.hpp"

#include <iostream>

namespace userpkg {
int run_cli(int, char**) {
  std::cout << "userpkg " << USERPKG_VERSION << "\n";
  return 0;
}
}  // namespace userpkg
