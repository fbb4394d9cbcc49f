#include <cstdio>

#include "cli/commands.hpp"
#include "core/resolve.hpp"
#include "core/spec.hpp"

namespace userpkg {

int cmd_versions(Context& ctx, const std::string& name) {
  Spec spec = parse_spec(name);  // "python" or "lab/python"
  for (auto& v : recipe_for(spec, ctx.repos).versions) std::printf("%s\n", v.version.str().c_str());
  return 0;
}

}  // namespace userpkg
