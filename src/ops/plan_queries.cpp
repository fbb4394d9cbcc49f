#include "ops/plan_queries.hpp"

#include <memory>

#include "fetch/mirror.hpp"
#include "platform/system_probe.hpp"
#include "prefix/installed.hpp"

namespace userpkg {

ResolveQueries make_resolve_queries(const PrefixLayout& layout, const FetchSettings& fetch) {
  ResolveQueries q;
  q.system = [layout](const Recipe& recipe, const VersionConstraint& wanted) {
    if (recipe.system.empty()) return SystemCheck{false, std::nullopt, "the recipe says nothing about a system copy"};
    // In the prefix's staging when it has one (a dry run on a new prefix creates nothing).
    std::error_code ec;
    const bool staging = std::filesystem::is_directory(layout.staging(), ec);
    SystemStatus s = probe_system(recipe.system, wanted, Environment::current(),
                                  staging ? layout.staging() : std::filesystem::temp_directory_path());
    return SystemCheck{s.usable, s.version, s.why_not};
  };
  // The install records are read once per resolution, not once per question.
  auto installed = std::make_shared<std::vector<InstalledPackage>>(list_installed(layout));
  q.installed = [installed](const std::string& name) {
    std::vector<Version> out;
    for (auto& pkg : *installed)
      if (pkg.record.name == name) out.push_back(Version::parse(pkg.record.version));
    return out;
  };
  q.installed_deps = [installed](const std::string& name, const Version& version) {
    std::vector<InstalledDependency> out;
    for (auto& pkg : *installed)
      if (pkg.record.name == name && pkg.record.version == version.str())
        for (auto& d : pkg.record.dependencies) out.push_back({d.name, d.version, d.provided_by == ProvidedBy::system});
    return out;
  };
  q.available_offline = [layout, fetch](const Recipe& recipe, const SourceFile& file) {
    std::error_code ec;
    if (std::filesystem::exists(fetch.cache_dir / file.sha256 / file.file_name, ec)) return true;
    for (auto& m : fetch.mirrors) {
      MirrorLocation where = mirror_location(m, recipe.name, file.file_name);
      if (!where.local || std::filesystem::exists(where.path, ec)) return true;  // a remote mirror may have it
    }
    return false;
  };
  return q;
}

}  // namespace userpkg
