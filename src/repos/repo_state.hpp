#pragma once
// The pin of a fetched repo: <prefix>/var/repos/<name>/state.json, written after its tree/ is in
// place. { "source", "kind": "git"|"tarball"|"directory", "ref", "revision", "updated" }.
#include <filesystem>
#include <optional>
#include <string>

namespace userpkg {

struct RepoState {
  std::string source;
  std::string kind;      // "git", "tarball" or "directory"
  std::string ref;
  std::string revision;  // git commit id, sha256 of the tarball, or content hash of the directory
  std::string updated;   // ISO 8601 UTC
};

std::string repo_state_json(const RepoState& state);
// nullopt when the file does not exist (the repo was never fetched); Error when it is unreadable.
std::optional<RepoState> read_repo_state(const std::filesystem::path& file);
void write_repo_state(const std::filesystem::path& file, const RepoState& state);

// The first 12 characters of a revision, for tables and messages.
std::string short_revision(const std::string& revision);

}  // namespace userpkg
