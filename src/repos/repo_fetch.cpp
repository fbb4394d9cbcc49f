#include "repos/repo_fetch.hpp"

#include <unistd.h>

#include "archive/extract.hpp"
#include "repos/repo_download.hpp"
#include "repos/repo_tree.hpp"
#include "util/environment.hpp"
#include "util/error.hpp"
#include "util/fs.hpp"
#include "util/process.hpp"
#include "util/strings.hpp"

namespace userpkg {
namespace {

// Runs git; the output is returned, a failure is an Error quoting git.
std::string git(const fs::path& program, const std::vector<std::string>& args, const std::string& doing,
                const std::string& hint) {
  std::vector<std::string> argv{program.string()};
  argv.insert(argv.end(), args.begin(), args.end());
  ProcessOptions options;
  Environment env = Environment::current();
  env.set("GIT_TERMINAL_PROMPT", "0");  // never wait for a password on a terminal
  // git runs in its own process group, away from the terminal: an ssh that asked for a passphrase
  // or a host key there would be stopped (SIGTTIN) until the silence limit. BatchMode makes it fail
  // at once instead; a key in ssh-agent still works. A user's own GIT_SSH_COMMAND/GIT_SSH wins.
  if (!env.get("GIT_SSH_COMMAND") && !env.get("GIT_SSH")) env.set("GIT_SSH_COMMAND", "ssh -o BatchMode=yes");
  env.set("LC_ALL", "C");
  options.environment = env;
  options.limits = default_process_limits().tool;  // a clone may take long, but not in silence forever
  CapturedOutput out = capture_process(argv, options);
  if (out.end != ProcessEnd::exited) throw Error(doing + " failed", "git " + describe_end(out), hint);
  if (out.status != 0) throw Error(doing + " failed", std::string(trim(out.output)), hint);
  return std::string(trim(out.output));
}

FetchedTree fetch_git(const RepoEntry& entry, const fs::path& staging, const RepoFetchContext& context) {
  if (entry.ref.starts_with("-"))
    throw Error("bad ref '" + entry.ref + "' for repo " + entry.name, "a ref cannot start with '-'",
                "give a branch, tag or commit id");
  const fs::path program = choose_git(context.prefix_git);
  FetchedTree result;
  result.kind = RepoSourceKind::git;
  result.tree = staging / "tree";
  git(program, {"clone", "--quiet", "--no-checkout", "--", entry.source, result.tree.string()},
      "git clone " + entry.source, "check the URL or path, and that you can clone it by hand with git");
  const std::string dir = result.tree.string();
  // A branch is only known as origin/<branch> in a fresh clone; tags and commit ids as they are.
  std::string commit;
  std::vector<std::string> candidates;
  if (entry.ref.empty())
    candidates = {"HEAD"};
  else
    candidates = {"refs/remotes/origin/" + entry.ref, entry.ref};
  for (auto& candidate : candidates) {
    try {
      commit = git(program, {"-C", dir, "rev-parse", "--verify", "--quiet", candidate + "^{commit}"}, "", "");
      break;
    } catch (const Error&) {
    }
  }
  if (commit.empty())
    throw Error("repo " + entry.name + ": " + entry.source + " has no branch, tag or commit '" + entry.ref + "'", "",
                "list them with `git ls-remote " + entry.source + "`, then give --ref NAME");
  git(program, {"-C", dir, "-c", "advice.detachedHead=false", "checkout", "--quiet", "--detach", commit},
      "git checkout " + commit, "check that the repository is complete");
  result.revision = commit;
  // The pinned tree is the checked-out files alone; the next update clones afresh.
  if (!remove_tree(result.tree / ".git")) throw Error("cannot remove " + (result.tree / ".git").string());
  return result;
}

std::string archive_file_name(const std::string& url) {
  std::string path = url.substr(0, url.find_first_of("?#"));
  std::string name = path.substr(path.find_last_of('/') + 1);
  if (name.empty() || name == "." || name == "..") return "repo.tar.gz";
  return name;
}

FetchedTree fetch_tarball(const RepoEntry& entry, const fs::path& staging, const RepoFetchContext& context) {
  FetchedTree result;
  result.kind = RepoSourceKind::tarball;
  const fs::path download = staging / "download";
  const fs::path extracted = staging / "extract";
  ensure_dir(download);
  ensure_dir(extracted);
  const fs::path archive = download / archive_file_name(entry.source);
  result.revision = download_repo_archive(entry.source, archive, context.fetch, *context.reporter);
  fs::path root = extract_archive(archive, extracted);  // strips a single top-level folder
  result.tree = staging / "tree";
  rename_path(root, result.tree);
  return result;
}

FetchedTree copy_directory(const RepoEntry& entry, const fs::path& staging) {
  FetchedTree result;
  result.kind = RepoSourceKind::directory;
  result.tree = staging / "tree";
  copy_tree_no_follow(entry.source, result.tree);
  result.revision = tree_content_hash(result.tree);
  return result;
}

}  // namespace

fs::path choose_git(const fs::path& prefix_git) {
  if (!prefix_git.empty() && ::access(prefix_git.c_str(), X_OK) == 0) return prefix_git;
  fs::path found = find_program("git", env_value("PATH").value_or("/usr/bin:/bin"));
  if (found.empty())
    throw Error("no git found", "a git repository source is cloned with git: there is none in the prefix or on PATH",
                "run `userpkg install git`, install git with the system's package manager, or use a tarball URL");
  return found;
}

FetchedTree fetch_repo_tree(const RepoEntry& entry, const fs::path& staging, const RepoFetchContext& context) {
  if (context.fetch.offline && source_is_remote(entry.source))
    throw Error("cannot fetch repo " + entry.name + " from " + entry.source + " while offline",
                "--offline (or offline = true) forbids the network",
                "run `userpkg repo update " + entry.name + "` with network access");
  RepoSourceKind kind = classify_source(entry.source);
  if (kind != RepoSourceKind::git && !entry.ref.empty())
    throw Error("repo " + entry.name + ": --ref needs a git source", entry.source + " is a " +
                                                                        std::string(kind_name(kind)),
                "leave out --ref, or give the git repository");
  FetchedTree result = kind == RepoSourceKind::git       ? fetch_git(entry, staging, context)
                       : kind == RepoSourceKind::tarball ? fetch_tarball(entry, staging, context)
                                                         : copy_directory(entry, staging);
  check_tree_confined(result.tree);
  return result;
}

}  // namespace userpkg
