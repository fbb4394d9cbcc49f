#pragma once
// The install record pkgs/<name>/<version>/.userpkg/install.json: what was installed, from where,
// against which dependencies. Written last: a package directory without it is a leftover.
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace userpkg {

enum class ProvidedBy { system, prefix };

struct RecordDependency {
  std::string name;
  std::string version;
  ProvidedBy provided_by = ProvidedBy::prefix;
  bool operator==(const RecordDependency&) const = default;
};

// What a package adds to its users' environment, resolved when it was installed (absolute
// directories, {prefix} substituted, defaults applied: see shell/package_env.hpp), so that
// generations, `userpkg env` and modulefiles never need the recipe again.
struct PackageEnv {
  std::map<std::string, std::vector<std::string>> lists;  // PATH, MANPATH, LD_LIBRARY_PATH, … -> dirs, in order
  std::map<std::string, std::string> set;                 // CUDA_HOME -> value
  // Shell kind ("sh" for sh/bash/zsh, "fish") -> absolute script the shell sources, if readable,
  // after PATH is set: e.g. conda's etc/profile.d/conda.sh, which defines `conda activate`.
  std::map<std::string, std::string> source = {};  // "= {}": {lists, set} initialisers stay warning-free
  bool operator==(const PackageEnv&) const = default;
};

struct InstallRecord {
  std::string name;
  std::string version;
  std::string recipe_origin;  // "builtin", or the recipe file it came from
  std::string recipe_repo;      // JSON "recipe_repo": "built-in", a lab repo's name; absent in old records
  std::string recipe_revision;  // JSON "recipe_revision": that repo's git commit or sha256 when installed
  std::string source_url;
  std::string sha256;
  std::string installed_at;  // ISO 8601 UTC
  std::vector<RecordDependency> dependencies;
  bool explicitly_requested = false;  // JSON "explicit": asked for by the user, not pulled in
  std::string build_log;               // path of the build log
  std::optional<PackageEnv> env;       // JSON "env"; absent in records written before it existed
  // Facts a prebuilt kind adds (ops/package_kind.hpp), shown by `list -v` and `info`:
  // e.g. "target_python" -> /…/bin/python3.11, "wheel" -> torch-2.1.2+cu121-cp311-….whl.
  std::map<std::string, std::string> details;  // JSON "details"; absent when empty
  bool operator==(const InstallRecord&) const = default;
};

// The recorded env, or for a record without one what such packages always had: <package_dir>/bin on PATH.
PackageEnv env_of(const InstallRecord& record, const std::filesystem::path& package_dir);

nlohmann::json record_to_json(const InstallRecord& record);
// Throws Error naming `origin` (the file) if a field is missing or has the wrong type.
InstallRecord record_from_json(const nlohmann::json& json, const std::string& origin);

InstallRecord read_record(const std::filesystem::path& path);
// Atomic (temp file, fsync, rename); creates the .userpkg directory.
void write_record(const std::filesystem::path& path, const InstallRecord& record);

}  // namespace userpkg
