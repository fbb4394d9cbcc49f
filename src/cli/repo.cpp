// `userpkg repo add|list|update|remove`: lab recipe repositories, configured in config.toml
// ([repos.NAME]) and pinned under <prefix>/var/repos/<name>/ (see repos/repo_manager.hpp).
#include <algorithm>
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
  if (lines.empty()) lines.push_back("  (no recipe or patch changed)");
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

// One line of `repo list`: a configured repo, a USERPKG_RECIPE_PATH directory or the built-in set.
struct ListedRepo {
  std::string name, source, ref, kind;
  int priority = 0;
  std::optional<std::string> revision, updated;  // nullopt: not fetched yet
  std::size_t recipes = 0;
};

// In the order recipes are looked up (the RepoStack's precedence); configured repos not fetched
// yet come last.
std::vector<ListedRepo> listed_repos(const Context& ctx) {
  PrefixLayout layout{ctx.settings.prefix};
  std::vector<RepoRow> configured = list_repos(layout, ctx.settings.repos);
  std::vector<ListedRepo> out;
  for (const RepoIdentity* id : ctx.repos.repos()) {
    auto row = std::find_if(configured.begin(), configured.end(), [&](const RepoRow& r) { return r.entry.name == id->name; });
    if (row != configured.end() && row->state) {
      out.push_back({row->entry.name, row->entry.source, row->entry.ref, row->state->kind, row->entry.priority,
                     row->state->revision, row->state->updated, row->recipes});
    } else if (id->name == "built-in") {
      out.push_back({id->name, "compiled into userpkg", "", "built-in", 0, USERPKG_VERSION, std::nullopt,
                     make_builtin_repo()->recipe_names().size()});
    } else {  // a USERPKG_RECIPE_PATH directory, named by its path
      out.push_back({id->name, id->name + " (USERPKG_RECIPE_PATH)", "", "directory", id->priority, "live", std::nullopt,
                     make_directory_repo(id->name)->recipe_names().size()});
    }
  }
  for (const RepoRow& r : configured)
    if (!r.state) out.push_back({r.entry.name, r.entry.source, r.entry.ref, "", r.entry.priority, std::nullopt, std::nullopt, 0});
  return out;
}

int cmd_repo_list(Context& ctx, const RepoArgs& args) {
  const std::vector<ListedRepo> rows = listed_repos(ctx);
  auto or_null = [](const std::optional<std::string>& v) { return v ? nlohmann::json(*v) : nlohmann::json(nullptr); };
  if (args.json) {
    nlohmann::json out = nlohmann::json::array();
    for (const ListedRepo& r : rows)
      out.push_back({{"name", r.name},
                     {"source", r.source},
                     {"ref", r.ref},
                     {"priority", r.priority},
                     {"fetched", r.revision.has_value()},
                     {"recipes", r.recipes},
                     {"revision", or_null(r.revision)},
                     {"kind", r.kind.empty() ? nlohmann::json(nullptr) : nlohmann::json(r.kind)},
                     {"updated", or_null(r.updated)}});
    std::printf("%s\n", out.dump(2).c_str());
    return 0;
  }
  std::printf("%-12s %-8s %-14s %-9s %-8s %s\n", "NAME", "PRIORITY", "REVISION", "RECIPES", "REF", "SOURCE");
  for (const ListedRepo& r : rows) {
    std::string revision = r.revision ? short_revision(*r.revision) : "-";
    std::string recipes = r.revision ? std::to_string(r.recipes) : "-";
    std::printf("%-12s %-8d %-14s %-9s %-8s %s\n", r.name.c_str(), r.priority, revision.c_str(), recipes.c_str(),
                r.ref.empty() ? "-" : r.ref.c_str(), r.source.c_str());
    if (!r.revision) std::printf("%-12s not fetched: run `userpkg repo update %s`\n", "", r.name.c_str());
  }
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

  auto* list = repo->add_subcommand("list", "every recipe repository in lookup order: source, pinned revision, priority, recipe count");
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
