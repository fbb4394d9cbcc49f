#include <cstdio>

#include "cli/commands.hpp"

namespace userpkg {

int cmd_versions(Context& ctx, const std::string& name) {
  for (auto& v : ctx.repos.get(name).versions) std::printf("%s\n", v.version.str().c_str());
  return 0;
}

}  // namespace userpkg
