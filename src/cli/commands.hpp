#pragma once
// One function per command; each in its own file (cli/<command>.cpp). They return the exit status.
#include <string>
#include <vector>

#include "cli/context.hpp"

namespace userpkg {

struct InstallArgs {
  std::vector<std::string> specs;
  std::string build_deps;   // empty: settings / "missing"
  std::string source_kind;  // --source: "" or "git-archive"
};

int cmd_install(Context& ctx, const InstallArgs& args);
int cmd_fetch(Context& ctx, const InstallArgs& args);
int cmd_uninstall(Context& ctx, const std::vector<std::string>& specs);
int cmd_list(Context& ctx, bool json);
int cmd_info(Context& ctx, const std::string& name);
int cmd_versions(Context& ctx, const std::string& name);
int cmd_search(Context& ctx, const std::string& text);

}  // namespace userpkg
