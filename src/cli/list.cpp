#include <cstdio>
#include <nlohmann/json.hpp>
#include <set>

#include "cli/commands.hpp"
#include "prefix/generations.hpp"
#include "prefix/installed.hpp"
#include "prefix/layout.hpp"

namespace userpkg {

int cmd_list(Context& ctx, const ListArgs& args) {
  const bool json = args.json;
  PrefixLayout layout{ctx.settings.prefix};
  std::vector<InstallRecord> records;
  for (auto& pkg : list_installed(layout)) records.push_back(pkg.record);
  std::set<std::pair<std::string, std::string>> in_profile;
  if (auto current = read_current_generation(layout))
    for (auto& p : current->packages) in_profile.insert({p.name, p.version});
  if (json) {
    nlohmann::json out = nlohmann::json::array();
    for (auto& r : records)
      out.push_back({{"name", r.name},
                     {"version", r.version},
                     {"prefix", layout.package_dir(r.name, r.version).string()},
                     {"in_profile", in_profile.count({r.name, r.version}) > 0},
                     {"installed_at", r.installed_at},
                     {"sha256", r.sha256},
                     {"source_url", r.source_url},
                     {"recipe", r.recipe_origin},
                     {"recipe_repo", r.recipe_repo},
                     {"recipe_revision", r.recipe_revision},
                     {"details", r.details}});
    std::printf("%s\n", out.dump(2).c_str());
    return 0;
  }
  if (records.empty()) {
    std::printf("nothing installed in %s\n", layout.root.string().c_str());
    return 0;
  }
  for (auto& r : records) {
    std::printf("%-12s %-10s %s\n", r.name.c_str(), r.version.c_str(),
                in_profile.count({r.name, r.version}) ? "" : "(dependency / not in the profile)");
    if (!args.verbose) continue;
    // -v: where it came from, and what a prebuilt kind recorded (target python, variant, driver…).
    std::printf("    recipe:    %s\n", r.recipe_origin.c_str());
    if (!r.recipe_repo.empty())
      std::printf("    repo:      %s%s\n", r.recipe_repo.c_str(),
                  r.recipe_revision.empty() ? "" : (" @ " + r.recipe_revision).c_str());
    if (!r.source_url.empty()) std::printf("    source:    %s\n", r.source_url.c_str());
    if (!r.sha256.empty()) std::printf("    sha256:    %s\n", r.sha256.c_str());
    std::printf("    installed: %s\n", r.installed_at.c_str());
    for (auto& [key, value] : r.details) std::printf("    %-10s %s\n", (key + ":").c_str(), value.c_str());
  }
  return 0;
}

}  // namespace userpkg
