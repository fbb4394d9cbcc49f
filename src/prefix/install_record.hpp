#pragma once
// The install record pkgs/<name>/<version>/.userpkg/install.json: what was installed, from where,
// against which dependencies. Written last: a package directory without it is a leftover.
#include <filesystem>
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

struct InstallRecord {
  std::string name;
  std::string version;
  std::string recipe_origin;  // "builtin", or the recipe file it came from
  std::string source_url;
  std::string sha256;
  std::string installed_at;  // ISO 8601 UTC
  std::vector<RecordDependency> dependencies;
  bool explicitly_requested = false;  // JSON "explicit": asked for by the user, not pulled in
  std::string build_log;               // path of the build log
  bool operator==(const InstallRecord&) const = default;
};

nlohmann::json record_to_json(const InstallRecord& record);
// Throws Error naming `origin` (the file) if a field is missing or has the wrong type.
InstallRecord record_from_json(const nlohmann::json& json, const std::string& origin);

InstallRecord read_record(const std::filesystem::path& path);
// Atomic (temp file, fsync, rename); creates the .userpkg directory.
void write_record(const std::filesystem::path& path, const InstallRecord& record);

}  // namespace userpkg
