#pragma once
// Fetching a repo's tree into a staging directory: git clone + checkout of the ref, a tarball
// download + safe extraction, or a copy of a plain directory. The tree is then checked to stay
// inside itself (no symlink out). Nothing outside `staging` is touched.
#include <filesystem>
#include <string>

#include "fetch/fetch_settings.hpp"
#include "repos/repo_entry.hpp"
#include "repos/repo_source.hpp"
#include "util/reporter.hpp"

namespace userpkg {

struct RepoFetchContext {
  FetchSettings fetch;                  // CA bundle, proxy, offline, retries (tarballs)
  std::filesystem::path prefix_git;     // <prefix>/bin/git: used when it exists, else PATH's git
  Reporter* reporter = nullptr;
};

struct FetchedTree {
  std::filesystem::path tree;  // staging/tree: recipes/, patches/, repo.toml; no .git
  RepoSourceKind kind = RepoSourceKind::directory;
  std::string revision;        // commit id, tarball sha256, or content hash
};

// `staging` must be an empty directory of the caller's (removed by the caller on failure).
FetchedTree fetch_repo_tree(const RepoEntry& entry, const std::filesystem::path& staging,
                            const RepoFetchContext& context);

// The git to use: <prefix>/bin/git if present, else the first git on PATH; Error if none.
std::filesystem::path choose_git(const std::filesystem::path& prefix_git);

}  // namespace userpkg
