#include <cstdio>

#include "cli/commands.hpp"
#include "prefix/installed.hpp"
#include "prefix/layout.hpp"
#include "util/strings.hpp"

namespace userpkg {

int cmd_info(Context& ctx, const InfoArgs& args) {
  const std::string& name = args.name;
  const Recipe& r = ctx.repos.get(name);
  std::printf("%s: %s\n", r.name.c_str(), r.summary.c_str());
  if (!r.homepage.empty()) std::printf("homepage:  %s\n", r.homepage.c_str());
  std::printf("recipe:    %s\n", r.origin.c_str());
  std::vector<std::string> versions;
  for (std::size_t i = 0; i < r.versions.size() && i < 12; ++i) versions.push_back(r.versions[i].version.str());
  std::string more = r.versions.size() > 12 ? " … (" + std::to_string(r.versions.size()) + " in all: `userpkg versions " + name + "`)" : "";
  std::printf("versions:  %s%s\n", join(versions, ", ").c_str(), more.c_str());
  if (versions_carry_files(r.build.system)) std::printf("source:    %s\n", r.versions.front().primary.url.c_str());
  for (auto& [kind, k] : r.kinds) std::printf("           %s: %s\n", kind.c_str(), k.url_template.c_str());
  std::printf("build:     %s\n", r.build.system.c_str());
  if (!r.depends.empty()) {
    std::printf("depends:\n");
    for (auto& d : r.depends)
      std::printf("  %-10s %-8s %s%s\n", d.name.c_str(), d.constraint.is_any() ? "any" : d.constraint.str().c_str(),
                  d.system_ok ? "(system or built) " : "(built) ", d.purpose.c_str());
  }
  PrefixLayout layout{ctx.settings.prefix};
  std::vector<std::string> installed;
  for (auto& pkg : list_installed(layout))
    if (pkg.record.name == name) installed.push_back(pkg.record.version);
  std::printf("installed: %s\n", installed.empty() ? "no" : join(installed, ", ").c_str());
  return 0;
}

}  // namespace userpkg
