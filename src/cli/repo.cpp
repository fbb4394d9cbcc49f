// `userpkg repo add|list|update|remove`: lab recipe repositories, configured in config.toml
// ([repos.NAME]) and pinned under <prefix>/var/repos/<name>/ (see repos/repo_manager.hpp).
#include <cstdio>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "cli/command_set.hpp"
#include "cli/commands.hpp"
#include "cli/prefix_session.hpp"
#include "core/repo.hpp"
#include "repos/repo_manager.hpp"
#include "repos/repo_source.hpp"
#include "util/error.hpp"

namespace userpkg {
namespace {

namespace fs = std::filesystem;

struct RepoArgs {
  std::string name, source, ref;
  int priority = 0;
  bool json = false;
};

fs::path config_file_of(const Context& ctx) {
  fs::path file = ctx.settings.config_file.empty() ? default_config_file() : ctx.settings.config_file;
  if (file.empty())
    throw Error("no config file to keep the repos in", "neither XDG_CONFIG_HOME nor HOME is set",
                "set HOME (the config file is ~/.config/userpkg/config.toml)");
  return file;
}

RepoOps ops_for(Context& ctx, const PrefixSession& session) {
  RepoOps ops;
  ops.layout = session.layout;
  ops.config_file = config_file_of(ctx);
  ops.fetch.fetch = session.fetch;
  ops.fetch.prefix_git = session.layout.bin_link() / "git";
  ops.fetch.reporter = &ctx.reporter;
  ops.userpkg_version = USERPKG_VERSION;
  return ops;
}

void warn_broken(Context& ctx, const std::vector<BrokenRecipe>& broken) {
  for (const BrokenRecipe& b : broken)
    ctx.reporter.warn("broken recipe " + b.name + ": " + b.why + " (the repo's other recipes are usable)");
}

int cmd_repo_add(Context& ctx, RepoArgs args) {
  check_repo_name(args.name);
  if (source_form(args.source) == SourceForm::local_path)
    args.source = fs::absolute(args.source).lexically_normal().string();
  PrefixSession session = open_prefix(ctx, "userpkg repo add " + args.name);
  RepoOps ops = ops_for(ctx, session);
  AddResult r = add_repo(ops, ctx.settings.repos, RepoEntry{args.name, args.source, args.ref, args.priority});
  warn_broken(ctx, r.broken);
  ctx.reporter.info("==> Added repo " + args.name + " at " + short_revision(r.state.revision) + " (" + r.state.kind +
                    "): " + std::to_string(r.recipes) + " recipe(s)" +
                    (r.broken.empty() ? "" : ", " + std::to_string(r.broken.size()) + " broken") + "; priority " +
                    std::to_string(args.priority) + "; configured in " + ops.config_file.string());
  if (!r.manifest.description.empty()) ctx.reporter.info("    " + r.manifest.description);
  return 0;
}

int report_update(Context& ctx, const UpdateResult& r) {
  warn_broken(ctx, r.broken);
  const std::string rev = short_revision(r.state.revision);
  if (r.unchanged) {
    ctx.reporter.info("repo " + r.name + " is already up to date at " + rev);
    return 0;
  }
  if (r.first_fetch) {
    ctx.reporter.info("==> Fetched repo " + r.name + " at " + rev + ": " + std::to_string(r.recipes.size()) +
                      " recipe(s)");
    return 0;
  }
  ctx.reporter.info("==> Repo " + r.name + ": " + short_revision(r.old_revision) + " -> " + rev);
  auto lines = describe_diff(r.diff, r.recipes);
  if (lines.empty()) lines.push_back("  (no recipe changed)");
  for (auto& line : lines) std::printf("%s\n", line.c_str());
  return 0;
}

int cmd_repo_update(Context& ctx, const RepoArgs& args) {
  std::vector<RepoEntry> targets;
  if (!args.name.empty()) {
    const RepoEntry* e = find_repo(ctx.settings.repos, args.name);
    if (!e)
      throw Error("no repo named " + args.name + " is configured", "",
                  "add it with `userpkg repo add " + args.name + " SOURCE`; `userpkg repo list` shows the configured repos");
    targets.push_back(*e);
  } else {
    targets = ctx.settings.repos;
    if (targets.empty()) {
      ctx.reporter.info("no repos are configured (add one with `userpkg repo add NAME SOURCE`)");
      return 0;
    }
  }
  PrefixSession session = open_prefix(ctx, "userpkg repo update" + (args.name.empty() ? "" : " " + args.name));
  RepoOps ops = ops_for(ctx, session);
  int status = 0;
  for (const RepoEntry& e : targets) {
    try {
      report_update(ctx, update_repo(ops, e));
    } catch (const Error& err) {
      if (targets.size() == 1) throw;
      // One unreachable repo does not stop the others from updating.
      ctx.reporter.warn("repo " + e.name + " not updated: " + err.what() + (err.why().empty() ? "" : ": " + err.why()));
      status = 1;
    }
  }
  return status;
}

int cmd_repo_remove(Context& ctx, const RepoArgs& args) {
  PrefixSession session = open_prefix(ctx, "userpkg repo remove " + args.name);
  RepoOps ops = ops_for(ctx, session);
  bool clean = remove_repo(ops, ctx.settings.repos, args.name);
  if (!clean) ctx.reporter.warn("could not remove all of " + ops.layout.repo_dir(args.name).string());
  ctx.reporter.info("==> Removed repo " + args.name + ". Packages installed from its recipes stay installed "
                    "(`userpkg uninstall NAME` removes one).");
  return clean ? 0 : 1;
}

int cmd_repo_list(Context& ctx, const RepoArgs& args) {
  PrefixLayout layout{ctx.settings.prefix};
  auto rows = list_repos(layout, ctx.settings.repos);
  const std::size_t builtin_count = make_builtin_repo()->recipe_names().size();
  if (args.json) {
    nlohmann::json out = nlohmann::json::array();
    for (const RepoRow& r : rows) {
      nlohmann::json j = {{"name", r.entry.name},         {"source", r.entry.source},
                          {"ref", r.entry.ref},           {"priority", r.entry.priority},
                          {"fetched", r.state.has_value()}, {"recipes", r.recipes}};
      j["revision"] = r.state ? nlohmann::json(r.state->revision) : nlohmann::json(nullptr);
      j["kind"] = r.state ? nlohmann::json(r.state->kind) : nlohmann::json(nullptr);
      j["updated"] = r.state ? nlohmann::json(r.state->updated) : nlohmann::json(nullptr);
      out.push_back(j);
    }
    out.push_back({{"name", "built-in"},
                   {"source", "compiled in"},
                   {"ref", ""},
                   {"priority", 0},
                   {"fetched", true},
                   {"recipes", builtin_count},
                   {"revision", USERPKG_VERSION},
                   {"kind", "built-in"},
                   {"updated", nullptr}});
    std::printf("%s\n", out.dump(2).c_str());
    return 0;
  }
  std::printf("%-12s %-8s %-14s %-9s %-8s %s\n", "NAME", "PRIORITY", "REVISION", "RECIPES", "REF", "SOURCE");
  for (const RepoRow& r : rows) {
    std::string revision = r.state ? short_revision(r.state->revision) : "-";
    std::string recipes = r.state ? std::to_string(r.recipes) : "-";
    std::printf("%-12s %-8d %-14s %-9s %-8s %s\n", r.entry.name.c_str(), r.entry.priority, revision.c_str(),
                recipes.c_str(), r.entry.ref.empty() ? "-" : r.entry.ref.c_str(), r.entry.source.c_str());
    if (!r.state)
      std::printf("%-12s not fetched: run `userpkg repo update %s`\n", "", r.entry.name.c_str());
  }
  std::printf("%-12s %-8d %-14s %-9zu %-8s %s\n", "built-in", 0, USERPKG_VERSION, builtin_count, "-",
              "compiled into userpkg");
  return 0;
}

}  // namespace

void register_repo(CLI::App& app, CommandSet& commands) {
  auto* repo = app.add_subcommand("repo", "lab recipe repositories: add, list, update, remove");
  repo->require_subcommand(1);
  auto& args = commands.make_args<RepoArgs>();

  auto* add = repo->add_subcommand("add", "fetch a recipe repository (directory, git URL or tarball URL), pin it "
                                          "and add it to config.toml");
  add->add_option("name", args.name, "a short name, e.g. lab (letters, digits, _ . -)")->required();
  add->add_option("source", args.source, "a local directory, a git URL, or an http(s) URL of a tarball")->required();
  add->add_option("--priority", args.priority, "higher wins over lower and over the built-in recipes (0)");
  add->add_option("--ref", args.ref, "git branch, tag or commit to pin (git sources only)");
  commands.add(add, [&args](Invocation& in) { return cmd_repo_add(in.context(), args); });

  auto* list = repo->add_subcommand("list", "configured repos: source, pinned revision, priority, recipe count");
  list->add_flag("--json", args.json, "machine-readable output");
  commands.add(list, [&args](Invocation& in) { return cmd_repo_list(in.context(), args); });

  auto* update = repo->add_subcommand("update", "fetch the newest state of one repo (or all), show which recipes "
                                                "changed, then move the pin");
  update->add_option("name", args.name, "the repo; all configured repos when left out");
  commands.add(update, [&args](Invocation& in) { return cmd_repo_update(in.context(), args); });

  auto* remove = repo->add_subcommand("remove", "remove a repo from config.toml and its stored tree");
  remove->add_option("name", args.name, "the repo")->required();
  commands.add(remove, [&args](Invocation& in) { return cmd_repo_remove(in.context(), args); });
}

}  // namespace userpkg
