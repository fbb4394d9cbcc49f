#pragma once
// An environment block as a value: read from the current process, edited, handed to a child.
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace userpkg {

class Environment {
 public:
  static Environment current();

  std::optional<std::string> get(const std::string& name) const;
  void set(const std::string& name, std::string value);
  void unset(const std::string& name);
  // Prepends dir to a ':'-separated list variable (PATH, PKG_CONFIG_PATH, …), once.
  void prepend_path(const std::string& name, const std::string& dir);

  std::vector<std::string> to_strings() const;  // "NAME=value", for execve
  const std::map<std::string, std::string>& vars() const { return vars_; }

 private:
  std::map<std::string, std::string> vars_;
};

// getenv as an optional; empty values count as unset.
std::optional<std::string> env_value(const char* name);

}  // namespace userpkg
