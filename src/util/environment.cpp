#include "util/environment.hpp"

#include <cstdlib>

#include "util/strings.hpp"

extern char** environ;

namespace userpkg {

Environment Environment::current() {
  Environment env;
  for (char** e = environ; e && *e; ++e) {
    std::string entry(*e);
    auto eq = entry.find('=');
    if (eq == std::string::npos) continue;
    env.vars_[entry.substr(0, eq)] = entry.substr(eq + 1);
  }
  return env;
}

std::optional<std::string> Environment::get(const std::string& name) const {
  auto it = vars_.find(name);
  if (it == vars_.end()) return std::nullopt;
  return it->second;
}

void Environment::set(const std::string& name, std::string value) { vars_[name] = std::move(value); }

void Environment::unset(const std::string& name) { vars_.erase(name); }

void Environment::prepend_path(const std::string& name, const std::string& dir) {
  auto old = get(name);
  std::vector<std::string> parts = old ? split(*old, ':', true) : std::vector<std::string>{};
  std::vector<std::string> kept{dir};
  for (auto& p : parts)
    if (p != dir) kept.push_back(p);
  vars_[name] = join(kept, ":");
}

std::vector<std::string> Environment::to_strings() const {
  std::vector<std::string> out;
  out.reserve(vars_.size());
  for (auto& [k, v] : vars_) out.push_back(k + "=" + v);
  return out;
}

std::optional<std::string> env_value(const char* name) {
  const char* v = std::getenv(name);
  if (!v || !*v) return std::nullopt;
  return std::string(v);
}

}  // namespace userpkg
