// `userpkg rescue`: for the person whose `ls` stopped working after a bad edit of ~/.bashrc.
// It must work started by absolute path with PATH empty, unset or garbage, and with a broken
// config file: it runs no external program (only system calls and our own code), finds the prefix
// itself (--prefix, USERPKG_PREFIX, the config file if it reads, else ~/prefix) and falls back to
// /etc/passwd (read as a file: util/home_dir.hpp) when HOME is unset. It takes no prefix lock: it touches no package, only
// the user's startup files and <prefix>/var/backups.
#include <cstdio>
#include <cstdlib>
#include <map>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/command_set.hpp"
#include "cli/commands.hpp"
#include "shell/path_list.hpp"
#include "shell/rc_file.hpp"
#include "shell/rc_lint_fix.hpp"
#include "shell/rescue_path.hpp"
#include "shell/shell_kind.hpp"
#include "shell/startup_files.hpp"
#include "util/environment.hpp"
#include "util/error.hpp"
#include "util/fs.hpp"
#include "util/home_dir.hpp"

namespace userpkg {

namespace {

struct RescueArgs {
  bool fix = false;
  bool restore_rc = false;
};

bool is_dir(const std::string& path) {
  struct stat st{};
  return ::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

bool is_file(const std::string& path) {
  struct stat st{};
  return ::stat(path.c_str(), &st) == 0 && !S_ISDIR(st.st_mode);
}

// How `userpkg` itself can be started from a shell with a broken PATH: its absolute path.
std::string self_path() {
  char buf[4096];
  ssize_t n = ::readlink("/proc/self/exe", buf, sizeof buf - 1);
  return n > 0 ? std::string(buf, static_cast<std::size_t>(n)) : std::string("userpkg");
}

// The prefix, the way resolve_settings finds it, but never failing on a config file: rescue must
// work when everything else is broken. `note` says when the config file could not be used.
fs::path rescue_prefix(Invocation& in, const std::string& home, std::string& note) {
  std::optional<std::string> text = in.command_line().prefix;
  if (!text) text = env_value("USERPKG_PREFIX");
  if (!text) {
    try {
      return in.context().settings.prefix;
    } catch (const Error& e) {
      note = std::string("could not read the settings (") + e.what() + "); using " + home + "/prefix";
      return fs::path(home) / "prefix";
    }
  }
  std::string t = *text;
  if (t == "~" || t.starts_with("~/")) t = home + t.substr(1);
  return fs::absolute(t).lexically_normal();
}

RcLintEnv lint_env(const std::string& home) {
  return RcLintEnv{home, is_dir, is_file};
}

const char* severity_word(RcSeverity s) {
  switch (s) {
    case RcSeverity::breaks: return "breaks";
    case RcSeverity::warning: return "warning";
    case RcSeverity::note: return "note";
  }
  return "";
}

std::string line_of(const std::string& text, std::size_t line) {
  auto lines = split_lines_exact(text);
  if (line == 0 || line > lines.size()) return "";
  std::string l = lines[line - 1];
  if (!l.empty() && l.back() == '\r') l.pop_back();
  return l;
}

StartupDirs startup_dirs(const std::string& home) {
  StartupDirs dirs{home, std::nullopt, std::nullopt};
  if (auto z = env_value("ZDOTDIR")) dirs.zdotdir = fs::path(*z);
  if (auto x = env_value("XDG_CONFIG_HOME")) dirs.xdg_config_home = fs::path(*x);
  return dirs;
}

void print_working_path(const std::vector<std::string>& dirs) {
  std::printf("To get a working shell now, paste this line into it:\n\n%s\n\n", posix_export_line(dirs).c_str());
  if (shell_from_env_value(env_value("SHELL")) == Shell::fish)
    std::printf("In fish, paste this one instead:\n\n%s\n\n", fish_set_line(dirs).c_str());
}

void print_current_path() {
  const char* raw = std::getenv("PATH");
  if (!raw) {
    std::printf("Your current PATH is not set: commands can only be started by their full path.\n\n");
    return;
  }
  std::string path = raw;
  std::printf("Your current PATH: %s\n", path.empty() ? "(empty)" : path.c_str());
  auto problems = check_path_list(path, is_dir);
  bool has_usr_bin = false;
  for (const auto& e : split_path_list(path)) has_usr_bin |= e == "/usr/bin" || e == "/usr/bin/" || e == "/bin";
  for (const auto& p : problems) std::printf("  - %s\n", describe(p).c_str());
  if (!has_usr_bin) std::printf("  - neither /usr/bin nor /bin is on it: ls, cat and most commands cannot be found\n");
  if (problems.empty() && has_usr_bin) std::printf("  (looks fine)\n");
  std::printf("\n");
}

// Lints every startup file; prints the findings; returns how many break the shell and can be fixed.
std::size_t report_startup_files(const std::vector<StartupFile>& files, const std::string& home) {
  std::size_t fixable = 0, breaking = 0, shown = 0;
  for (const auto& file : files) {
    auto text = read_rc(file.path);
    if (!text) continue;
    for (const auto& f : lint_rc(*text, file.syntax, lint_env(home))) {
      if (!shown++) std::printf("Startup-file lines to look at:\n");
      std::printf("  %s:%zu: %s\n", file.path.c_str(), f.line, line_of(*text, f.line).c_str());
      std::printf("      %s: %s\n", severity_word(f.severity), f.why.c_str());
      if (breaks_shell(f)) {
        ++breaking;
        if (f.fixable) ++fixable;
      }
    }
  }
  std::string names;
  for (const auto& f : files) names += (names.empty() ? "" : ", ") + f.path.string();
  if (!shown)
    std::printf("No problems found in your startup files (%s).\n", names.empty() ? "none exist" : names.c_str());
  else if (!breaking)
    std::printf("\nNothing there breaks the shell (only warnings and notes).\n");
  else if (fixable)
    std::printf("\n`%s rescue --fix` comments out the lines marked \"breaks\" (after a backup; "
                "`%s rescue --restore-rc` undoes it).\n",
                self_path().c_str(), self_path().c_str());
  return breaking;
}

int run_report(const std::vector<std::string>& dirs, const std::vector<StartupFile>& files, const std::string& home) {
  print_working_path(dirs);
  print_current_path();
  report_startup_files(files, home);
  return 0;
}

int run_fix(const std::vector<std::string>& dirs, const std::vector<StartupFile>& files, const std::string& home,
            const fs::path& backups) {
  std::size_t changed_files = 0, left = 0;
  for (const auto& file : files) {
    auto text = read_rc(file.path);
    if (!text) continue;
    RcFixResult fix = fix_rc(*text, file.syntax, lint_env(home));
    if (fix.changed()) {
      std::optional<RcBackup> backup;
      try {
        backup = write_rc(file.path, fix.content, backups);
      } catch (const Error& e) {  // e.g. a read-only file: the user's "do not touch", as for shell init
        ++left;
        std::printf("%s: not changed: %s; make it writable (chmod u+w) and run --fix again, or edit it by hand\n",
                    file.path.c_str(), e.why().c_str());
        continue;
      }
      ++changed_files;
      std::printf("%s:\n", file.path.c_str());
      if (fix.crlf_lines_converted)
        std::printf("  converted %zu Windows line ending(s) (CRLF) to Unix ones (LF)\n", fix.crlf_lines_converted);
      for (const auto& c : fix.commented) std::printf("  line %zu: %s\n", c.line, c.after.c_str());
      if (backup) std::printf("  the old content is saved in %s\n", backup->backup.c_str());
    }
    for (const auto& f : fix.remaining)
      if (breaks_shell(f)) {
        if (!left++) std::printf("Still breaking the shell (edit by hand):\n");
        std::printf("  %s:%zu: %s\n      %s\n", file.path.c_str(), f.line, line_of(fix.content, f.line).c_str(),
                    f.why.c_str());
      }
  }
  if (!changed_files && !left) {
    std::printf("Nothing to fix: no startup-file line breaks the shell.\n");
    return 0;
  }
  if (left) return 1;
  std::printf("\nNew login shells are healthy now. This shell still has its old PATH: paste\n\n%s\n\n"
              "or start a new login shell. `%s rescue --restore-rc` puts the old files back.\n",
              posix_export_line(dirs).c_str(), self_path().c_str());
  return 0;
}

int run_restore(const fs::path& backups) {
  auto all = list_rc_backups(backups);
  if (all.empty()) {
    std::printf("No rc-file backups in %s: nothing to restore.\n", backups.c_str());
    return 0;
  }
  std::map<fs::path, std::vector<RcBackup>> by_file;  // newest first, as listed
  for (const auto& b : all) by_file[b.original].push_back(b);
  for (const auto& [original, list] : by_file) {
    std::printf("%s: %zu backup(s), newest %s\n", original.c_str(), list.size(), list.front().taken.c_str());
    const RcBackup& latest = list.front();
    std::string wanted = read_file(latest.backup);
    auto current = read_rc(original);
    if (current && *current == wanted) {
      std::printf("  already the same as %s\n", latest.backup.c_str());
      continue;
    }
    auto saved = write_rc(original, wanted, backups);
    std::printf("  restored from %s\n", latest.backup.c_str());
    if (saved) std::printf("  (its content before restoring is saved in %s, so this can be undone)\n", saved->backup.c_str());
  }
  return 0;
}

int cmd_rescue(Invocation& in, const RescueArgs& args) {
  std::string home = home_dir().string();
  std::string note;
  fs::path prefix = rescue_prefix(in, home, note);
  if (!note.empty()) std::printf("note: %s\n\n", note.c_str());
  fs::path backups = prefix / "var" / "backups";
  if (args.restore_rc) return run_restore(backups);
  auto dirs = rescue_path_dirs((prefix / "bin").string(), is_dir);
  auto files = existing_startup_files(startup_dirs(home));
  if (args.fix) return run_fix(dirs, files, home, backups);
  return run_report(dirs, files, home);
}

}  // namespace

void register_rescue(CLI::App& app, CommandSet& commands) {
  auto& args = commands.make_args<RescueArgs>();
  auto* cmd = app.add_subcommand("rescue", "get a working shell back after a bad edit of ~/.bashrc (works with no PATH)");
  auto* fix = cmd->add_flag("--fix", args.fix, "comment out the startup-file lines that break the shell (backup first)");
  cmd->add_flag("--restore-rc", args.restore_rc, "put back the latest backup of each rc file userpkg changed")->excludes(fix);
  commands.add(cmd, [&args](Invocation& in) { return cmd_rescue(in, args); });
}

}  // namespace userpkg
