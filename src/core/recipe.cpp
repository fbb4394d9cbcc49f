#include "core/recipe.hpp"

namespace userpkg {

const RecipeVersion* Recipe::find_version(const Version& v) const {
  for (auto& rv : versions)
    if (rv.version == v && rv.version.str() == v.str()) return &rv;
  return nullptr;
}

}  // namespace userpkg
