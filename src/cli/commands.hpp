#pragma once
// One function per command; each in its own file (cli/<command>.cpp). They return the exit status.
// Newer commands register their own options and runner (cli/command_set.hpp).
#include <string>
#include <vector>

#include "cli/context.hpp"

namespace CLI {
class App;
}

namespace userpkg {

class CommandSet;

struct InstallArgs {
  std::vector<std::string> specs;
  std::string build_deps;   // empty: settings / "missing"
  std::string source_kind;  // --source: "" or "git-archive"
  StackOptions stack;       // --python, --cuda, --torch-index, --wheelhouse, …
};

int cmd_install(Context& ctx, const InstallArgs& args);
void add_install_options(CLI::App* cmd, InstallArgs& args);  // specs, --build-deps, --source, stack options
int cmd_fetch(Context& ctx, const InstallArgs& args);
int cmd_uninstall(Context& ctx, const std::vector<std::string>& specs);
struct ListArgs {
  bool json = false;
  bool verbose = false;  // -v: recipe, source, sha256 and the kind's details of each package
};
int cmd_list(Context& ctx, const ListArgs& args);
struct InfoArgs {
  std::string name;   // NAME or NAME@VERSION (torch@2.1: which wheel would be picked, and why)
  StackOptions stack;
};
int cmd_info(Context& ctx, const InfoArgs& args);
int cmd_versions(Context& ctx, const std::string& name);
int cmd_search(Context& ctx, const std::string& text);

// Commands that register themselves (see cli/command_set.hpp).
void register_core_commands(CLI::App& app, CommandSet& commands);
// Shell integration (issue 3): one register function per command file, declared below.
void register_shell(CLI::App& app, CommandSet& commands);
void register_doctor(CLI::App& app, CommandSet& commands);
void register_env(CLI::App& app, CommandSet& commands);
void register_rescue(CLI::App& app, CommandSet& commands);
void register_generations(CLI::App& app, CommandSet& commands);
void register_rollback(CLI::App& app, CommandSet& commands);  // rollback and switch
void register_gc(CLI::App& app, CommandSet& commands);
void register_module(CLI::App& app, CommandSet& commands);
// Recipe authoring (issue 5).
void register_recipe(CLI::App& app, CommandSet& commands);
void register_repo(CLI::App& app, CommandSet& commands);
void register_mirror(CLI::App& app, CommandSet& commands);  // mirror create
void register_checksum(CLI::App& app, CommandSet& commands);

}  // namespace userpkg
