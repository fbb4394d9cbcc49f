#include "ops/profile_changed.hpp"

#include "ops/modules.hpp"
#include "shell/env_files.hpp"

namespace userpkg {

void after_profile_change(const PrefixLayout& layout, Reporter& reporter) {
  // The stable scripts the rc-file block sources (they only depend on the prefix path).
  write_stable_env_scripts(layout);
  refresh_modules_if_enabled(layout, reporter);  // modulefiles, once `module refresh` has run
}

}  // namespace userpkg
