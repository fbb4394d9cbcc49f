#include "prefix/install_record.hpp"

#include "prefix/json_file.hpp"
#include "util/error.hpp"
#include "util/fs.hpp"
#include "util/no_follow_write.hpp"

namespace userpkg {

NLOHMANN_JSON_SERIALIZE_ENUM(ProvidedBy, {{ProvidedBy::system, "system"}, {ProvidedBy::prefix, "prefix"}})

nlohmann::json record_to_json(const InstallRecord& r) {
  nlohmann::json deps = nlohmann::json::array();
  for (const RecordDependency& d : r.dependencies)
    deps.push_back({{"name", d.name}, {"version", d.version}, {"provided_by", d.provided_by}});
  nlohmann::json j = {{"name", r.name},
          {"version", r.version},
          {"recipe_origin", r.recipe_origin},
          {"source_url", r.source_url},
          {"sha256", r.sha256},
          {"installed_at", r.installed_at},
          {"dependencies", deps},
          {"explicit", r.explicitly_requested},
          {"build_log", r.build_log}};
  if (r.env) {
    j["env"] = {{"lists", r.env->lists}, {"set", r.env->set}};
    if (!r.env->source.empty()) j["env"]["source"] = r.env->source;
  }
  if (!r.details.empty()) j["details"] = r.details;
  if (!r.recipe_repo.empty()) j["recipe_repo"] = r.recipe_repo;
  if (!r.recipe_revision.empty()) j["recipe_revision"] = r.recipe_revision;
  return j;
}

PackageEnv env_of(const InstallRecord& record, const std::filesystem::path& package_dir) {
  if (record.env) return *record.env;
  return PackageEnv{{{"PATH", {(package_dir / "bin").string()}}}, {}, {}};
}

InstallRecord record_from_json(const nlohmann::json& j, const std::string& origin) {
  try {
    InstallRecord r;
    j.at("name").get_to(r.name);
    j.at("version").get_to(r.version);
    r.recipe_origin = j.value("recipe_origin", "");
    r.recipe_repo = j.value("recipe_repo", "");
    r.recipe_revision = j.value("recipe_revision", "");
    r.source_url = j.value("source_url", "");
    r.sha256 = j.value("sha256", "");
    r.installed_at = j.value("installed_at", "");
    r.explicitly_requested = j.value("explicit", false);
    r.build_log = j.value("build_log", "");
    r.details = j.value("details", decltype(InstallRecord::details){});
    if (j.contains("env")) {
      const nlohmann::json& env = j.at("env");
      r.env = PackageEnv{env.value("lists", decltype(PackageEnv::lists){}), env.value("set", decltype(PackageEnv::set){}),
                         env.value("source", decltype(PackageEnv::source){})};
    }
    for (const auto& d : j.value("dependencies", nlohmann::json::array())) {
      std::string provided = d.at("provided_by").get<std::string>();
      if (provided != "system" && provided != "prefix")
        throw Error("the install record " + origin + " is damaged",
                    "dependency provided_by is \"" + provided + "\", expected \"system\" or \"prefix\"");
      r.dependencies.push_back({d.at("name").get<std::string>(), d.at("version").get<std::string>(),
                                provided == "system" ? ProvidedBy::system : ProvidedBy::prefix});
    }
    return r;
  } catch (const nlohmann::json::exception& e) {
    throw Error("the install record " + origin + " is damaged", e.what(),
                "run `userpkg doctor`; reinstalling the package rewrites it");
  }
}

InstallRecord read_record(const std::filesystem::path& path) {
  return record_from_json(read_json_file(path, "install record"), path.string());
}

void write_record(const std::filesystem::path& path, const InstallRecord& record) {
  // path is <package>/.userpkg/install.json: the package tree comes from an archive or a build, so
  // a .userpkg link in it must never carry the record elsewhere (over another package's, outside).
  const std::filesystem::path package = path.parent_path().parent_path();
  ensure_dir(package);  // a link there is refused below (O_NOFOLLOW)
  write_file_no_follow(package, path.lexically_relative(package), record_to_json(record).dump(2) + "\n");
}

}  // namespace userpkg
