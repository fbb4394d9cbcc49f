// `userpkg rollback` (to the previous generation) and `userpkg switch N`: one atomic rename of
// profiles/current, so shells already open see the change on their next command.
#include <algorithm>
#include <iterator>
#include <optional>

#include "cli/command_set.hpp"
#include "cli/commands.hpp"
#include "cli/prefix_session.hpp"
#include "ops/profile_changed.hpp"
#include "prefix/generation_diff.hpp"
#include "prefix/generations.hpp"
#include "util/error.hpp"

namespace userpkg {

namespace {

unsigned current_or_throw(const PrefixLayout& layout) {
  auto current = current_generation_number(layout);
  if (!current)
    throw Error("there is no generation in " + layout.root.string() + " yet", "nothing was ever installed there",
                "install something first: `userpkg install NAME`");
  return *current;
}

// The highest-numbered generation below `current`.
unsigned previous_generation(const PrefixLayout& layout, unsigned current) {
  std::vector<unsigned> all = list_generations(layout);
  auto it = std::lower_bound(all.begin(), all.end(), current);
  if (it == all.begin())
    throw Error("cannot roll back: generation " + std::to_string(current) + " is the oldest there is", "",
                "`userpkg generations` lists them; `userpkg switch N` goes to any of them");
  return *std::prev(it);
}

int switch_to(Context& ctx, const std::string& command_line, std::optional<unsigned> wanted) {
  PrefixSession session = open_prefix(ctx, command_line, PrefixUse::removes);
  const PrefixLayout& layout = session.layout;
  const unsigned current = current_or_throw(layout);
  const unsigned target = wanted ? *wanted : previous_generation(layout, current);
  if (target == current) {
    ctx.reporter.info("generation " + std::to_string(target) + " is the current one already");
    return 0;
  }
  const std::vector<unsigned> all = list_generations(layout);
  if (!std::binary_search(all.begin(), all.end(), target))
    throw Error("cannot switch to generation " + std::to_string(target), "there is no such generation",
                "`userpkg generations` lists the ones that exist");
  const PackageDiff diff =
      diff_packages(read_generation(layout, current).packages, read_generation(layout, target).packages);
  if (!ctx.settings.dry_run) {
    switch_generation(layout, target);
    after_profile_change(layout, ctx.reporter);
  }
  for (const PackageRef& p : diff.appeared) ctx.reporter.info("  + " + p.name + " " + p.version);
  for (const PackageRef& p : diff.disappeared) ctx.reporter.info("  - " + p.name + " " + p.version);
  if (diff.empty()) ctx.reporter.info("  (the same packages)");
  ctx.reporter.info("==> " + std::string(ctx.settings.dry_run ? "Would switch" : "Switched") + " from generation " +
                    std::to_string(current) + " to " + std::to_string(target) +
                    (ctx.settings.dry_run ? "" : " (open shells see it on their next command)"));
  return 0;
}

}  // namespace

void register_rollback(CLI::App& app, CommandSet& commands) {
  auto* rollback = app.add_subcommand("rollback", "go back to the previous generation");
  commands.add(rollback, [](Invocation& in) { return switch_to(in.context(), "userpkg rollback", std::nullopt); });

  auto& number = commands.make_args<unsigned>();
  auto* sw = app.add_subcommand("switch", "make generation N the current one");
  sw->add_option("N", number, "generation number (see `userpkg generations`)")->required();
  commands.add(sw, [&number](Invocation& in) {
    return switch_to(in.context(), "userpkg switch " + std::to_string(number), number);
  });
}

}  // namespace userpkg
