#pragma once
// From a recipe's [env] to the absolute environment a package records at install time.
#include <filesystem>

#include "core/recipe.hpp"
#include "prefix/install_record.hpp"

namespace userpkg {

// Substitutes {prefix} with `package_dir` (in directories, values and [env.source] scripts) and applies the defaults for what the recipe does not
// declare: PATH gets <package_dir>/bin; MANPATH <package_dir>/share/man and PKG_CONFIG_PATH
// <package_dir>/lib/pkgconfig if those directories exist (the only file-system reads).
PackageEnv resolve_package_env(const RecipeEnv& declared, const std::filesystem::path& package_dir);

}  // namespace userpkg
