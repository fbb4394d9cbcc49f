// Registration of the package commands: install, fetch, uninstall, list, info, versions, search.
#include "cli/command_set.hpp"
#include "cli/commands.hpp"

namespace userpkg {

namespace {

void add_stack_options(CLI::App* cmd, StackOptions& o) {
  cmd->add_option("--python", o.python, "target interpreter for pip, torch and wheels: a path or a spec (python@3.10)");
  cmd->add_option("--cuda", o.cuda, "CUDA variant of GPU wheels: auto (default), cpu, cu118, cu121, …");
  cmd->add_option("--torch-index", o.torch_index, "root of the PyTorch wheel index (env USERPKG_TORCH_INDEX)");
  cmd->add_option("--cuda-redist", o.cuda_redist, "root of NVIDIA's redistributables (env USERPKG_CUDA_REDIST)");
  cmd->add_option("--wheelhouse", o.wheelhouses, "directory of wheels to install from instead of an index (repeatable)")
      ->expected(1)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);  // one DIR each time: `--wheelhouse DIR pip` keeps pip a spec
  cmd->add_option("--index-url", o.index_url, "package index for wheels' dependencies (env USERPKG_INDEX_URL)");
  cmd->add_flag("--allow-unverified", o.allow_unverified, "accept a wheel that its index publishes without a sha256");
  cmd->add_flag("--force", o.force, "install even though the NVIDIA driver is too old to run it");
}

}  // namespace

void add_install_options(CLI::App* cmd, InstallArgs& args) {
  cmd->add_option("specs", args.specs, "packages: NAME, NAME@3.8, NAME@3.8.18, NAME@3.8:3.10")->required();
  cmd->add_option("--build-deps", args.build_deps,
                  "missing (default): build what the system cannot serve; always; never; or NAME,NAME to build those");
  cmd->add_option("--source", args.source_kind, "kind of source for the named packages, e.g. git-archive");
  add_stack_options(cmd, args.stack);
}

void register_core_commands(CLI::App& app, CommandSet& commands) {
  auto& install_args = commands.make_args<InstallArgs>();
  auto* install = app.add_subcommand("install", "resolve, fetch, build and install packages into the prefix");
  add_install_options(install, install_args);
  commands.add(install, [&install_args](Invocation& in) { return cmd_install(in.context(), install_args); });

  auto& fetch_args = commands.make_args<InstallArgs>();
  auto* fetch = app.add_subcommand("fetch", "download and verify sources into the cache only (no build)");
  add_install_options(fetch, fetch_args);
  commands.add(fetch, [&fetch_args](Invocation& in) { return cmd_fetch(in.context(), fetch_args); });

  auto& uninstall_specs = commands.make_args<std::vector<std::string>>();
  auto* uninstall = app.add_subcommand("uninstall", "remove packages from the profile (a new generation)");
  uninstall->add_option("specs", uninstall_specs, "packages: NAME or NAME@VERSION")->required();
  commands.add(uninstall, [&uninstall_specs](Invocation& in) { return cmd_uninstall(in.context(), uninstall_specs); });

  auto& list_args = commands.make_args<ListArgs>();
  auto* list = app.add_subcommand("list", "installed packages");
  list->add_flag("--json", list_args.json, "machine-readable output");
  list->add_flag("-v,--verbose", list_args.verbose, "also each package's recipe, source, sha256 and recorded details");
  commands.add(list, [&list_args](Invocation& in) { return cmd_list(in.context(), list_args); });

  auto& info_args = commands.make_args<InfoArgs>();
  auto* info = app.add_subcommand("info", "a recipe: versions, dependencies, installed state; for torch, the wheel it would pick");
  info->add_option("name", info_args.name, "recipe name, or NAME@VERSION")->required();
  add_stack_options(info, info_args.stack);
  commands.add(info, [&info_args](Invocation& in) { return cmd_info(in.context(), info_args); });

  auto& name = commands.make_args<std::string>();
  auto* versions = app.add_subcommand("versions", "the versions a recipe knows, newest first");
  versions->add_option("name", name, "recipe name")->required();
  commands.add(versions, [&name](Invocation& in) { return cmd_versions(in.context(), name); });

  auto& text = commands.make_args<std::string>();
  auto* search = app.add_subcommand("search", "recipes whose name or summary contains TEXT");
  search->add_option("text", text, "text to look for")->required();
  commands.add(search, [&text](Invocation& in) { return cmd_search(in.context(), text); });
}

}  // namespace userpkg
