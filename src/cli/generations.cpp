// `userpkg generations [--json]`: every generation, what it changed, and which one is current.
#include <cstdio>
#include <iterator>
#include <map>

#include "cli/command_set.hpp"
#include "cli/commands.hpp"
#include "prefix/generation_diff.hpp"
#include "prefix/generations.hpp"
#include "util/strings.hpp"

namespace userpkg {

namespace {

// What generation g changed: against the one numbered just below it when that still exists (so a
// replaced version shows as -old +new), else what its manifest recorded.
PackageDiff changes_of(const Generation& g, const std::map<unsigned, Generation>& all) {
  auto it = all.find(g.number);
  if (it != all.begin() && it != all.end()) {
    const Generation& previous = std::prev(it)->second;
    if (previous.number + 1 == g.number) return diff_packages(previous.packages, g.packages);
  }
  return PackageDiff{g.added, g.removed};
}

std::string describe(const PackageDiff& d) {
  std::vector<std::string> parts;
  for (const PackageRef& p : d.appeared) parts.push_back("+" + p.name + " " + p.version);
  for (const PackageRef& p : d.disappeared) parts.push_back("-" + p.name + " " + p.version);
  return parts.empty() ? "(no change)" : join(parts, ", ");
}

int cmd_generations(Context& ctx, bool json) {
  const PrefixLayout layout{ctx.settings.prefix};
  std::map<unsigned, Generation> all;
  for (unsigned n : list_generations(layout)) all.emplace(n, read_generation(layout, n));
  const auto current = current_generation_number(layout);

  if (json) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& [number, g] : all) {
      PackageDiff d = changes_of(g, all);
      out.push_back({{"number", number},
                     {"created", g.created},
                     {"command", g.command},
                     {"current", current == number},
                     {"packages", g.packages},
                     {"added", d.appeared},
                     {"removed", d.disappeared}});
    }
    std::printf("%s\n", out.dump(2).c_str());
    return 0;
  }
  if (all.empty()) {
    std::printf("no generations yet in %s (every install and uninstall makes one)\n", layout.root.string().c_str());
    return 0;
  }
  for (const auto& [number, g] : all) {
    std::printf("%s %4u  %-20s  %-32s  %s\n", current == number ? "*" : " ", number, g.created.c_str(),
                describe(changes_of(g, all)).c_str(), g.command.c_str());
  }
  if (current) std::printf("(* = current: generation %u)\n", *current);
  return 0;
}

}  // namespace

void register_generations(CLI::App& app, CommandSet& commands) {
  auto& json = commands.make_args<bool>();
  auto* cmd = app.add_subcommand("generations", "list the profile's generations: date, command, changes, current");
  cmd->add_flag("--json", json, "machine-readable output");
  commands.add(cmd, [&json](Invocation& in) { return cmd_generations(in.context(), json); });
}

}  // namespace userpkg
