#include "shell/env_files.hpp"

#include "shell/env_script.hpp"
#include "util/fs.hpp"
#include "util/strings.hpp"

namespace userpkg {

namespace {

std::string posix_script(const PrefixLayout& layout) {
  const std::string profile_env = shell_quote((layout.current_link() / "env.sh").string());
  return "# Written by userpkg; sourced by the userpkg block in your shell's startup file.\n"
         "# Sourcing it twice changes nothing; if the prefix is gone it does nothing.\n" +
         path_prepend_code(layout.bin_link().string(), Shell::sh) +
         "if [ -r " + profile_env + " ]; then . " + profile_env + "; fi\n";
}

std::string fish_script(const PrefixLayout& layout) {
  const std::string profile_env = fish_quote((layout.current_link() / "env.fish").string());
  return "# Written by userpkg; sourced by ~/.config/fish/conf.d/userpkg.fish.\n"
         "# Sourcing it twice changes nothing; if the prefix is gone it does nothing.\n" +
         path_prepend_code(layout.bin_link().string(), Shell::fish) +
         "if test -r " + profile_env + "\n"
         "    source " + profile_env + "\n"
         "end\n";
}

void write_if_changed(const fs::path& path, const std::string& text) {
  std::error_code ec;
  if (fs::exists(path, ec)) {
    try {
      if (read_file(path) == text) return;
    } catch (const std::exception&) {
      // unreadable: rewrite it
    }
  }
  write_file_atomic(path, text, fs::perms(0644));
}

}  // namespace

std::string stable_env_script(const PrefixLayout& layout, Shell shell) {
  return shell == Shell::fish ? fish_script(layout) : posix_script(layout);
}

void write_stable_env_scripts(const PrefixLayout& layout) {
  ensure_dir(layout.config_dir());
  write_if_changed(layout.env_sh(), stable_env_script(layout, Shell::sh));
  write_if_changed(layout.env_fish(), stable_env_script(layout, Shell::fish));
}

}  // namespace userpkg
