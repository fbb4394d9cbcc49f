#pragma once
// Reads a recipe's TOML text into a checked Recipe. Every problem is an Error that names
// origin:line (a missing sha256, an unknown key, a bad version, a non-https URL…).
#include <string>
#include <string_view>

#include "core/recipe.hpp"

namespace userpkg {

// origin: a path or "built-in recipes/python.toml", used in messages; expected_name: the file stem.
Recipe load_recipe(std::string_view toml_text, const std::string& origin, const std::string& expected_name);

// Substitutes {version} in a URL or file-name template.
std::string expand_version(const std::string& templ, const std::string& version);

}  // namespace userpkg
