#include <cstdio>

#include "cli/commands.hpp"
#include "cli/prefix_session.hpp"
#include "core/resolve.hpp"
#include "core/spec.hpp"
#include "prefix/installed.hpp"
#include "prefix/layout.hpp"
#include "torch/wheel_plan.hpp"
#include "util/error.hpp"
#include "util/strings.hpp"

namespace userpkg {
namespace {

// The recipe version NAME@VERSION names: the newest matching one.
const RecipeVersion& chosen_version(const Recipe& r, const Spec& spec) {
  for (const RecipeVersion& v : r.versions)
    if (spec.constraint.matches(v.version)) return v;
  std::vector<std::string> known;
  for (const RecipeVersion& v : r.versions) known.push_back(v.version.str());
  throw Error("no version of " + r.name + " matches " + spec.text, "the recipe has " + join(known, ", "),
              "`userpkg versions " + r.name + "` lists them");
}

// For a pytorch recipe: which wheel `install` would take, and why (throws Error saying why none fits).
void print_wheel_choice(const Context& ctx, const InfoArgs& args, const Recipe& r, const Version& version,
                        const PrefixLayout& layout) {
  const StackSettings stack = apply_stack_options(ctx.settings.stack, args.stack);
  const FetchSettings fetch = fetch_settings_for(ctx, layout);
  const TorchFacts facts = gather_torch_facts(stack, layout, Environment::current());
  std::printf("%s %s with --cuda %s would install:\n", r.name.c_str(), version.str().c_str(), stack.cuda.c_str());
  std::fflush(stdout);
  TorchWheelPlan plan = plan_torch_wheel(r.name, version, stack, facts,
                                         [&](const std::string& url) { return fetch_index_page(url, fetch); });
  for (const std::string& line : describe_plan(plan, facts)) std::printf("  %s\n", line.c_str());
  if (ctx.settings.verbosity > 0)
    for (const std::string& line : skipped_files_lines(plan)) std::printf("  %s\n", line.c_str());
}

std::string repo_label(const RepoIdentity& repo) {
  std::string rev = repo.revision.size() > 12 && repo.revision.find(' ') == std::string::npos ? repo.revision.substr(0, 12)
                                                                                            : repo.revision;
  return repo.name + (rev.empty() ? "" : " @ " + rev) + ", priority " + std::to_string(repo.priority);
}

// Which repository's recipe wins, and the copies in other repositories it overrides (or that are broken).
void print_repositories(const RepoStack& repos, const Recipe& chosen) {
  std::vector<RecipeCandidate> all = repos.candidates(chosen.name);
  for (const RecipeCandidate& c : all)
    if (c.recipe == &chosen) std::printf("repo:      %s\n", repo_label(*c.repo).c_str());
  bool past_chosen = false;
  for (const RecipeCandidate& c : all) {
    if (c.recipe == &chosen) {
      past_chosen = true;
      continue;
    }
    std::string what = c.recipe ? c.recipe->origin + " (" + std::to_string(c.recipe->versions.size()) + " versions, newest " +
                                      c.recipe->versions.front().version.str() + ")"
                                : "broken: " + c.error;
    std::printf("%s %s: %s\n", past_chosen ? "overrides:" : "outranked by:", repo_label(*c.repo).c_str(), what.c_str());
  }
}

}  // namespace

int cmd_info(Context& ctx, const InfoArgs& args) {
  const Spec spec = parse_spec(args.name);
  const std::string& name = spec.name;
  const Recipe& r = recipe_for(spec, ctx.repos);
  std::printf("%s: %s\n", r.name.c_str(), r.summary.c_str());
  if (!r.homepage.empty()) std::printf("homepage:  %s\n", r.homepage.c_str());
  std::printf("recipe:    %s\n", r.origin.c_str());
  print_repositories(ctx.repos, r);
  std::vector<std::string> versions;
  for (std::size_t i = 0; i < r.versions.size() && i < 12; ++i) versions.push_back(r.versions[i].version.str());
  std::string more = r.versions.size() > 12 ? " … (" + std::to_string(r.versions.size()) + " in all: `userpkg versions " + name + "`)" : "";
  std::printf("versions:  %s%s\n", join(versions, ", ").c_str(), more.c_str());
  const RecipeVersion& chosen = chosen_version(r, spec);
  if (!spec.constraint.is_any()) std::printf("selected:  %s (newest matching %s)\n", chosen.version.str().c_str(), spec.text.c_str());
  if (chosen.has_file()) std::printf("source:    %s\n", chosen.primary.url.c_str());
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
  std::fflush(stdout);
  if (r.build.system == "pytorch") print_wheel_choice(ctx, args, r, chosen.version, layout);
  return 0;
}

}  // namespace userpkg
