#pragma once
// A package as the prefix knows it: name and version, nothing else.
#include <compare>
#include <string>

#include <nlohmann/json.hpp>

namespace userpkg {

struct PackageRef {
  std::string name;
  std::string version;
  auto operator<=>(const PackageRef&) const = default;
};

inline void to_json(nlohmann::json& j, const PackageRef& p) { j = {{"name", p.name}, {"version", p.version}}; }
inline void from_json(const nlohmann::json& j, PackageRef& p) {
  j.at("name").get_to(p.name);
  j.at("version").get_to(p.version);
}

}  // namespace userpkg
