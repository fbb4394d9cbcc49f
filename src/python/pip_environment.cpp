#include "python/pip_environment.hpp"

namespace userpkg {

Environment pip_environment(const Environment& inherited) {
  Environment env = inherited;
  for (auto& [name, value] : inherited.vars())
    if (name.starts_with("PIP_")) env.unset(name);
  env.set("PIP_CONFIG_FILE", "/dev/null");
  env.set("PIP_DISABLE_PIP_VERSION_CHECK", "1");
  env.set("PIP_NO_INPUT", "1");
  return env;
}

}  // namespace userpkg
