#pragma once
// Where everything lives in a prefix, as a value: every path is derived from the root, no I/O.
//   pkgs/<name>/<version>/                      immutable install trees
//   pkgs/<name>/<version>/.userpkg/install.json install record, written last
//   profiles/<N>/bin/, profiles/<N>/manifest.json   generation N
//   profiles/current -> <N>                     switched atomically
//   bin -> profiles/current/bin
//   profiles/<N>/env.sh, profiles/<N>/env.fish  what generation N adds to the environment
//   profiles/<N>/bin/.launch/<program>          what the launcher runs for a bin/ entry (sidecar)
//   libexec/userpkg/launch                       the launcher those entries link to
//   var/cache/downloads/ var/log/ var/staging/ var/lock var/backups/
//   var/repos/<name>/tree/, var/repos/<name>/state.json   a lab recipe repo: pinned tree and its pin
//   etc/userpkg/env.sh, env.fish                 stable scripts the rc-file block sources
//   modules/<name>/<version>.lua                 Lmod modulefiles
#include <filesystem>
#include <string>

#include "launcher/sidecar_format.hpp"

namespace userpkg {

struct PrefixLayout {
  std::filesystem::path root;

  std::filesystem::path pkgs() const { return root / "pkgs"; }
  std::filesystem::path package_dir(const std::string& name, const std::string& version) const {
    return pkgs() / name / version;
  }
  std::filesystem::path record_dir(const std::string& name, const std::string& version) const {
    return package_dir(name, version) / ".userpkg";
  }
  std::filesystem::path record_path(const std::string& name, const std::string& version) const {
    return record_dir(name, version) / "install.json";
  }

  std::filesystem::path profiles() const { return root / "profiles"; }
  std::filesystem::path profile(unsigned number) const { return profiles() / std::to_string(number); }
  std::filesystem::path profile_bin(unsigned number) const { return profile(number) / "bin"; }
  std::filesystem::path profile_manifest(unsigned number) const { return profile(number) / "manifest.json"; }
  std::filesystem::path profile_launch_dir(unsigned number) const {
    return profile_bin(number) / launch_format::kSidecarDir;
  }
  std::filesystem::path profile_env_sh(unsigned number) const { return profile(number) / "env.sh"; }
  std::filesystem::path profile_env_fish(unsigned number) const { return profile(number) / "env.fish"; }
  std::filesystem::path current_link() const { return profiles() / "current"; }
  std::filesystem::path bin_link() const { return root / "bin"; }
  // Shared by every generation (old ones included): replaced in place, never removed.
  std::filesystem::path launcher() const { return root / "libexec" / "userpkg" / "launch"; }

  std::filesystem::path var() const { return root / "var"; }
  std::filesystem::path cache() const { return var() / "cache"; }
  std::filesystem::path downloads() const { return cache() / "downloads"; }
  std::filesystem::path logs() const { return var() / "log"; }
  std::filesystem::path staging() const { return var() / "staging"; }
  std::filesystem::path lock_file() const { return var() / "lock"; }
  std::filesystem::path backups() const { return var() / "backups"; }
  std::filesystem::path repos() const { return var() / "repos"; }
  std::filesystem::path repo_dir(const std::string& name) const { return repos() / name; }
  std::filesystem::path repo_tree(const std::string& name) const { return repo_dir(name) / "tree"; }
  std::filesystem::path repo_state(const std::string& name) const { return repo_dir(name) / "state.json"; }
  std::filesystem::path config_dir() const { return root / "etc" / "userpkg"; }
  std::filesystem::path env_sh() const { return config_dir() / "env.sh"; }
  std::filesystem::path env_fish() const { return config_dir() / "env.fish"; }
  std::filesystem::path modules() const { return root / "modules"; }
};

}  // namespace userpkg
