#include "shell/env_files.hpp"

#include "shell/path_list.hpp"
#include "util/fs.hpp"
#include "util/strings.hpp"

namespace userpkg {

namespace {

// Used only when PATH is unset or empty: prepending to nothing would leave the shell without /usr/bin.
std::string fallback_dirs() { return join_path_list(standard_system_dirs()); }

std::string posix_script(const PrefixLayout& layout) {
  const std::string bin = shell_quote(layout.bin_link().string());
  const std::string profile_env = shell_quote((layout.current_link() / "env.sh").string());
  return "# Written by userpkg; sourced by the userpkg block in your shell's startup file.\n"
         "# Sourcing it twice changes nothing; if the prefix is gone it does nothing.\n"
         "if [ -d " + bin + " ]; then\n"
         "  case \":${PATH-}:\" in\n"
         "    *:" + bin + ":*) ;;\n"
         "    *) if [ -n \"${PATH-}\" ]; then PATH=" + bin + ":\"$PATH\"; else PATH=" + bin + ":" +
         shell_quote(fallback_dirs()) + "; fi\n"
         "       export PATH ;;\n"
         "  esac\n"
         "fi\n"
         "if [ -r " + profile_env + " ]; then . " + profile_env + "; fi\n";
}

std::string fish_script(const PrefixLayout& layout) {
  const std::string bin = shell_quote(layout.bin_link().string());
  const std::string profile_env = shell_quote((layout.current_link() / "env.fish").string());
  std::string fallback;
  for (const std::string& dir : standard_system_dirs()) fallback += " " + shell_quote(dir);
  return "# Written by userpkg; sourced by ~/.config/fish/conf.d/userpkg.fish.\n"
         "# Sourcing it twice changes nothing; if the prefix is gone it does nothing.\n"
         "if test -d " + bin + "; and not contains -- " + bin + " $PATH\n"
         "    if test (count $PATH) -eq 0\n"
         "        set -gx PATH " + bin + fallback + "\n"
         "    else\n"
         "        set -gx PATH " + bin + " $PATH\n"
         "    end\n"
         "end\n"
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
