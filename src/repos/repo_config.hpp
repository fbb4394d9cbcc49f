#pragma once
// The [repos.NAME] tables of config.toml: reading them into RepoEntry values, and adding or
// removing one by editing the text (so the user's comments, order and other keys stay as they
// were). Each edit is checked by parsing the result: it must differ from the old file by exactly
// that one table, else the edit is refused and the user is asked to edit the file by hand.
#include <filesystem>
#include <string>
#include <vector>

#include <toml++/toml.h>

#include "repos/repo_entry.hpp"

namespace userpkg {

// The value of the top-level `repos` key; errors name file:line.
std::vector<RepoEntry> parse_repos_config(const toml::node& repos, const std::string& file);

// `text` with a [repos.NAME] table for `entry` appended (the file is created when empty).
std::string config_text_with_repo(const std::string& text, const RepoEntry& entry);
// `text` without the [repos.NAME] table: from its header to the next table header, keeping the
// comment lines that sit right above that next header (they describe it).
std::string config_text_without_repo(const std::string& text, const std::string& name);

// The same on the file itself: atomic write through symlinks, the old content backed up in
// `backups_dir` first (see shell/rc_file.hpp); the file and its directory are created if absent.
void add_repo_to_config_file(const std::filesystem::path& config, const RepoEntry& entry,
                             const std::filesystem::path& backups_dir);
void remove_repo_from_config_file(const std::filesystem::path& config, const std::string& name,
                                  const std::filesystem::path& backups_dir);

}  // namespace userpkg
