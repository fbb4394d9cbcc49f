#pragma once
// Whether a program userpkg ran (an installer, pip) changed the user's startup files. A scratch
// HOME keeps well-behaved installers away from them, but one that finds the real HOME elsewhere
// (its parent's environment, /etc/passwd) is not stopped: so the files are compared before and
// after, and a change is reported, never hidden.
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "shell/startup_files.hpp"
#include "util/environment.hpp"

namespace userpkg {

// The startup files of `env`'s user: HOME (or /etc/passwd), ZDOTDIR, XDG_CONFIG_HOME; nullopt
// when no home directory is known.
std::optional<StartupDirs> startup_dirs_of(const Environment& env);

// Every file watched: the shells' startup files (startup_files.hpp, fish's conf.d as listed now),
// csh/tcsh's, and conda's ~/.condarc, ~/.conda/condarc and <config>/conda/condarc.
std::vector<std::filesystem::path> watched_startup_files(const StartupDirs& dirs);

struct StartupSnapshot {
  // Each watched path: its contents, or nullopt when it does not exist (or cannot be read).
  std::map<std::filesystem::path, std::optional<std::string>> files;
};
StartupSnapshot snapshot_startup_files(const StartupDirs& dirs);

struct StartupChange {
  std::filesystem::path path;
  std::string what;  // "changed", "created", "removed"
};
// Pure: what differs between the snapshots (paths in either), in path order.
std::vector<StartupChange> startup_changes(const StartupSnapshot& before, const StartupSnapshot& after);

// Takes a snapshot on creation; changes() compares with the files now. Does nothing when the
// home directory is unknown.
class StartupWatch {
 public:
  explicit StartupWatch(const Environment& env);
  std::vector<StartupChange> changes() const;
  // One warning per change: "<who> changed <path> (…)": empty when nothing changed.
  std::vector<std::string> warnings(const std::string& who) const;

 private:
  std::optional<StartupDirs> dirs_;
  StartupSnapshot before_;
};

}  // namespace userpkg
