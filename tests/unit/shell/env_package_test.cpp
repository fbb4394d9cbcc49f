// From a recipe's [env] to the recorded absolute env, and the record's round trip.
#include <catch2/catch.hpp>

#include "prefix/install_record.hpp"
#include "shell/package_env.hpp"
#include "util/fs.hpp"

using namespace userpkg;

namespace {

struct TempPackage {
  ScopedDir dir{make_unique_dir(std::filesystem::temp_directory_path(), "userpkg-env-pkg")};
  std::filesystem::path root = dir.path() / "pkgs/tool/1.0";
  TempPackage() { std::filesystem::create_directories(root); }
  void make(const std::string& sub) { std::filesystem::create_directories(root / sub); }
  std::string at(const std::string& sub) const { return (root / sub).string(); }
};

}  // namespace

TEST_CASE("package env: {prefix} is the package dir; undeclared variables get their defaults", "[shell][env]") {
  TempPackage pkg;
  RecipeEnv declared;
  declared.lists = {{"LD_LIBRARY_PATH", {"{prefix}/lib64/", "/opt/vendor/./lib"}}};
  declared.set = {{"CUDA_HOME", "{prefix}"}};

  // Nothing else there: PATH gets bin (whether or not it exists), MANPATH and PKG_CONFIG_PATH nothing.
  PackageEnv env = resolve_package_env(declared, pkg.root);
  CHECK(env.lists == std::map<std::string, std::vector<std::string>>{
                         {"LD_LIBRARY_PATH", {pkg.at("lib64"), "/opt/vendor/lib"}}, {"PATH", {pkg.at("bin")}}});
  CHECK(env.set == std::map<std::string, std::string>{{"CUDA_HOME", pkg.root.string()}});

  pkg.make("share/man");
  pkg.make("lib/pkgconfig");
  env = resolve_package_env(declared, pkg.root);
  CHECK(env.lists.at("MANPATH") == std::vector<std::string>{pkg.at("share/man")});
  CHECK(env.lists.at("PKG_CONFIG_PATH") == std::vector<std::string>{pkg.at("lib/pkgconfig")});

  // Declared, even empty, beats the default.
  declared.lists["MANPATH"] = {};
  declared.lists["PATH"] = {"{prefix}/sbin", "{prefix}/bin"};
  env = resolve_package_env(declared, pkg.root);
  CHECK_FALSE(env.lists.count("MANPATH"));
  CHECK(env.lists.at("PATH") == std::vector<std::string>{pkg.at("sbin"), pkg.at("bin")});
  CHECK(env.source.empty());

  // [env.source]: {prefix} resolved, one spelling; nothing is read (the script need not exist yet).
  declared.source = {{"sh", "{prefix}/etc//profile.d/conda.sh"}, {"fish", "/opt/x/./conda.fish"}};
  env = resolve_package_env(declared, pkg.root);
  CHECK(env.source == std::map<std::string, std::string>{{"sh", pkg.at("etc/profile.d/conda.sh")},
                                                         {"fish", "/opt/x/conda.fish"}});
}

TEST_CASE("install record: the env round-trips; an old record without one has bin on PATH", "[shell][env]") {
  InstallRecord record;
  record.name = "tool";
  record.version = "1.0";
  record.env = PackageEnv{{{"LD_LIBRARY_PATH", {"/p/pkgs/tool/1.0/lib64"}}}, {{"CUDA_HOME", "/p/pkgs/tool/1.0"}}, {}};
  nlohmann::json json = record_to_json(record);
  CHECK_FALSE(json.at("env").contains("source"));  // records stay as they were without [env.source]
  record.env->source = {{"sh", "/p/pkgs/tool/1.0/etc/profile.d/tool.sh"}};
  json = record_to_json(record);
  CHECK(json.at("env").at("source").at("sh") == "/p/pkgs/tool/1.0/etc/profile.d/tool.sh");
  CHECK(json.at("env").at("lists").at("LD_LIBRARY_PATH") == nlohmann::json::array({"/p/pkgs/tool/1.0/lib64"}));
  CHECK(record_from_json(json, "install.json") == record);
  CHECK(env_of(record, "/elsewhere") == *record.env);

  json.erase("env");
  InstallRecord old = record_from_json(json, "install.json");
  CHECK_FALSE(old.env);
  CHECK(env_of(old, "/p/pkgs/tool/1.0") == PackageEnv{{{"PATH", {"/p/pkgs/tool/1.0/bin"}}}, {}, {}});
  CHECK_FALSE(record_to_json(old).contains("env"));
}
