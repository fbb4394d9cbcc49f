// `userpkg module refresh [--tcl|--no-tcl]`: Lmod (and Tcl) modulefiles for every installed
// package under <prefix>/modules; from then on installs and rollbacks keep them current.
#include "cli/command_set.hpp"
#include "cli/commands.hpp"
#include "cli/prefix_session.hpp"
#include "ops/modules.hpp"
#include "util/strings.hpp"

namespace userpkg {

namespace {

int cmd_module_refresh(Context& ctx, std::optional<bool> tcl) {
  PrefixSession session = open_prefix(ctx, "userpkg module refresh");
  ModuleSettings settings = read_module_settings(session.layout).value_or(ModuleSettings{});
  if (tcl) settings.tcl = *tcl;
  if (ctx.settings.dry_run) {
    ctx.reporter.info("would write the modulefiles of every installed package under " +
                      session.layout.modules().string() + (settings.tcl ? " (Lua and Tcl)" : " (Lua)"));
    return 0;
  }
  ModuleRefresh r = refresh_modules(session.layout, settings);
  for (const auto& p : r.written) ctx.reporter.detail("wrote " + p.string());
  for (const auto& p : r.removed) ctx.reporter.info("removed " + p.string() + " (package no longer installed)");
  ctx.reporter.info("==> " + std::to_string(r.written.size()) + " modulefile(s) written, " +
                    std::to_string(r.unchanged) + " unchanged, " + std::to_string(r.removed.size()) + " removed" +
                    (settings.tcl ? " (Lua and Tcl)" : " (Lua)"));
  ctx.reporter.info("use them with: module use " + shell_quote(session.layout.modules().string()) +
                    "   (installs keep them current from now on)");
  return 0;
}

}  // namespace

void register_module(CLI::App& app, CommandSet& commands) {
  auto* module = app.add_subcommand("module", "environment modules (Lmod, Tcl) for the installed packages");
  module->require_subcommand(1);
  struct TclFlags {
    bool on = false, off = false;
  };
  auto& tcl = commands.make_args<TclFlags>();
  auto* refresh = module->add_subcommand(
      "refresh", "write <prefix>/modules/<name>/<version>.lua for every installed package; remove stale ones");
  auto* on = refresh->add_flag("--tcl", tcl.on,
                               "also write Tcl modulefiles <name>/<version> (remembered for later refreshes)");
  refresh->add_flag("--no-tcl", tcl.off, "stop writing Tcl modulefiles (remembered)")->excludes(on);
  commands.add(refresh, [&tcl](Invocation& in) {
    return cmd_module_refresh(in.context(), tcl.on || tcl.off ? std::optional<bool>(tcl.on) : std::nullopt);
  });
}

}  // namespace userpkg
