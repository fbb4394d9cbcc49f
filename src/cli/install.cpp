#include <cstdio>
#include <list>

#include "cli/install_plan.hpp"
#include "core/resolve.hpp"
#include "ops/cuda_redist.hpp"
#include "ops/install.hpp"
#include "ops/plan_files.hpp"
#include "ops/plan_queries.hpp"
#include "ops/reused_recipe_check.hpp"
#include "prefix/generations.hpp"
#include "python/pip_plan.hpp"
#include "torch/reuse_check.hpp"
#include "util/error.hpp"
#include "util/strings.hpp"

namespace userpkg {

std::string command_line(const std::string& verb, const InstallArgs& args) {
  return "userpkg " + verb + " " + join(args.specs, " ");
}

Plan make_install_plan(Context& ctx, const PrefixSession& session, const InstallArgs& args, const StackSettings& stack,
                       PlanFor target) {
  std::vector<Spec> specs = parse_specs(args.specs);
  // pip: the version that runs on the target python (python/pip_plan.hpp says why here).
  TargetPythonOnce python(stack.python, session.layout);
  narrow_pip_specs(specs, ctx.repos, stack, python);
  ResolveOptions options;
  options.build_deps = BuildDeps::parse(args.build_deps.empty() ? ctx.settings.build_deps : args.build_deps);
  // A misspelt policy word or name would otherwise be a name that matches nothing, silently.
  for (auto& name : options.build_deps.from_source)
    if (!ctx.repos.find(name)) {
      std::string close = ctx.repos.closest_name(name);
      throw Error("--build-deps names '" + name + "', which is not a recipe",
                  "--build-deps takes missing, always, never, or recipe names separated by commas",
                  close.empty() ? "see `userpkg search TEXT` for the recipe names" : "did you mean '" + close + "'?");
    }
  options.offline = ctx.settings.offline;
  options.source_kind = args.source_kind;
  ResolveQueries queries = make_resolve_queries(session.layout, session.fetch);
  if (target == PlanFor::FreshPrefix) {
    queries.installed = [](const std::string&) { return std::vector<Version>{}; };
    queries.installed_deps = [](const std::string&, const Version&) { return std::vector<InstalledDependency>{}; };
  }
  Plan plan = resolve(specs, ctx.repos, options, queries);
  recheck_reused_pip(plan, python);
  recheck_reused_wheels(plan, stack, session.layout, python);
  return plan;
}

void print_plan(const Plan& plan) {
  std::printf("Plan:\n");
  for (auto& line : describe_plan(plan)) std::printf("%s\n", line.c_str());
  std::fflush(stdout);
}


int cmd_install(Context& ctx, const InstallArgs& args) {
  std::string cmd = command_line("install", args);
  PrefixSession session = open_prefix(ctx, cmd);
  const StackSettings stack = apply_stack_options(ctx.settings.stack, args.stack);
  Plan plan = make_install_plan(ctx, session, args, stack);
  if (ctx.settings.verbosity >= 0 || ctx.settings.dry_run) print_plan(plan);
  check_reused_redist_components(plan, session.layout, ctx.reporter);
  warn_reused_from_other_repo(plan, session.layout, ctx.reporter);
  if (ctx.settings.dry_run) return 0;

  InstallJob job{&plan, &ctx.repos, session.layout, session.fetch, ctx.settings.jobs, cmd, stack};
  std::list<RecipeVersion> wheelhouse_versions;  // what the plan points at for wheels from --wheelhouse
  take_pip_wheels_from_wheelhouses(plan, job.stack, session.fetch, wheelhouse_versions, ctx.reporter);
  if (!run_install(job, ctx.reporter)) {
    for (auto& p : plan.packages)
      if (p.requested && p.action != Action::Build)  // a pip put into another python was built
        ctx.reporter.info(p.name() + " " + p.version->version.str() + " is already installed; nothing to do");
  }
  return 0;
}

int cmd_fetch(Context& ctx, const InstallArgs& args) {
  PrefixSession session = open_prefix(ctx, command_line("fetch", args));
  const StackSettings stack = apply_stack_options(ctx.settings.stack, args.stack);
  Plan plan = make_install_plan(ctx, session, args, stack);
  if (ctx.settings.verbosity >= 0 || ctx.settings.dry_run) print_plan(plan);
  if (ctx.settings.dry_run) return 0;
  std::vector<PlannedFile> files = plan_files(plan, session.layout, stack, session.fetch, ctx.reporter);
  std::vector<FetchedFile> fetched = fetch_planned_files(files, session.fetch, ctx.reporter);
  // One line per file, as <recipe>/<file> (its place in a mirror): scripts compare it with a mirror.
  std::printf("Files:\n");
  for (std::size_t i = 0; i < fetched.size(); ++i)
    std::printf("  %s/%s\n", files[i].recipe.c_str(), fetched[i].file.file_name.c_str());
  std::fflush(stdout);
  ctx.reporter.info(std::to_string(fetched.size()) + " file(s), " + human_bytes(total_size(fetched)) +
                    ", verified (download cache: " + session.fetch.cache_dir.string() + ")" +
                    "; `userpkg --offline install` can now use them");
  return 0;
}

}  // namespace userpkg
