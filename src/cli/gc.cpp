// `userpkg gc [--keep N] [--keep-downloads]`: removes old generations, then the package trees,
// cached downloads and build logs nothing kept refers to, and says how much space that freed.
#include "cli/command_set.hpp"
#include "cli/commands.hpp"
#include "cli/prefix_session.hpp"
#include "ops/modules.hpp"
#include "prefix/gc.hpp"
#include "util/strings.hpp"

namespace userpkg {

namespace {

struct GcArgs {
  int keep = -1;  // -1: keep every generation
  bool keep_downloads = false;
};

std::string item_text(const GcItem& item) {
  std::string what = item.kind == "generation" ? "generation " + item.label : item.kind + " " + item.label;
  return what + " (" + human_bytes(item.bytes) + ")";
}

int cmd_gc(Context& ctx, const GcArgs& args) {
  PrefixSession session = open_prefix(ctx, "userpkg gc", PrefixUse::removes);
  GcOptions options;
  if (args.keep >= 0) options.keep = static_cast<unsigned>(args.keep);
  options.keep_downloads = args.keep_downloads;
  const GcPlan plan = plan_gc(read_gc_inputs(session.layout), options, session.layout.logs());
  for (const PackageRef& p : plan.kept_packages) ctx.reporter.detail("kept " + p.name + " " + p.version);
  if (plan.empty()) {
    ctx.reporter.info("nothing to collect: every package and download is used by a kept generation" +
                      std::string(options.keep ? "" : " (`--keep N` also removes old generations)"));
    return 0;
  }
  if (ctx.settings.dry_run) {
    GcResult result = measure_gc(session.layout, plan);
    for (const GcItem& item : result.items) ctx.reporter.info("would remove " + item_text(item));
    ctx.reporter.info("==> Would free " + human_bytes(result.freed_bytes()));
    return 0;
  }
  GcResult result = execute_gc(session.layout, plan);
  for (const GcItem& item : result.items) {
    if (item.error.empty()) ctx.reporter.info("removed " + item_text(item));
    else ctx.reporter.warn("cannot remove " + item.kind + " " + item.label + ": " + item.error);
  }
  // Modulefiles of the removed packages go too (if the prefix has modulefiles).
  refresh_modules_if_enabled(session.layout, ctx.reporter);
  ctx.reporter.info("==> Freed " + human_bytes(result.freed_bytes()) + " in " + session.layout.root.string());
  if (!result.all_removed()) {
    ctx.reporter.warn("some items could not be removed; check their permissions and run `userpkg gc` again");
    return 1;
  }
  return 0;
}

}  // namespace

void register_gc(CLI::App& app, CommandSet& commands) {
  auto& args = commands.make_args<GcArgs>();
  auto* cmd = app.add_subcommand(
      "gc", "remove old generations and the packages, downloads and logs no kept generation uses");
  cmd->add_option("--keep", args.keep,
                  "keep the N newest generations besides the current one (default: keep all generations)")
      ->type_name("N")
      ->check(CLI::NonNegativeNumber);
  cmd->add_flag("--keep-downloads", args.keep_downloads, "leave the download cache alone");
  commands.add(cmd, [&args](Invocation& in) { return cmd_gc(in.context(), args); });
}

}  // namespace userpkg
