#pragma once
// The stable scripts the rc-file block sources: <prefix>/etc/userpkg/env.sh (bash, zsh, sh) and
// env.fish. They put <prefix>/bin (the link to the current generation's programs) on PATH once and
// then source the current generation's own env script, if there is one. Their text depends only on
// the prefix path, so they never change on install or rollback: `current` does.
#include <string>

#include "prefix/layout.hpp"
#include "shell/shell_kind.hpp"

namespace userpkg {

// The script text for `shell` (sh, bash and zsh share the POSIX one).
std::string stable_env_script(const PrefixLayout& layout, Shell shell);

// Writes etc/userpkg/env.sh and env.fish if they are missing or differ (atomically).
void write_stable_env_scripts(const PrefixLayout& layout);

}  // namespace userpkg
