// `userpkg shell init` and `userpkg shell deinit`: the userpkg block in the shell's startup files.
#include "cli/command_set.hpp"
#include "cli/commands.hpp"
#include "cli/prefix_session.hpp"
#include "shell/rc_locations.hpp"
#include "shell/shell_init.hpp"
#include "util/strings.hpp"

namespace userpkg {

namespace fs = std::filesystem;

namespace {

struct ShellArgs {
  std::string shell;  // empty: from $SHELL (init) / every shell (deinit)
  std::string rc;     // empty: the usual files
};

std::string backup_note(const RcChange& change) {
  return change.backup ? " (backup: " + change.backup->backup.string() + ")" : "";
}

void report_init(Reporter& reporter, const RcChange& c, bool dry_run) {
  const std::string f = c.file.string();
  switch (c.kind) {
    case RcChangeKind::created: reporter.info(dry_run ? "would create " + f : "created " + f + " with the userpkg block"); break;
    case RcChangeKind::added: reporter.info((dry_run ? "would add" : "added") + std::string(" the userpkg block to ") + f + backup_note(c)); break;
    case RcChangeKind::updated: reporter.info((dry_run ? "would update" : "updated") + std::string(" the userpkg block in ") + f + backup_note(c)); break;
    case RcChangeKind::unchanged: reporter.info(f + " already has the userpkg block (unchanged)"); break;
    default: break;
  }
  if (!c.replaced_other.empty())
    reporter.warn("the userpkg block in " + f + " sourced another prefix; " + (dry_run ? "it would source" : "it now sources") +
                  " this one (one block per file)");
}

int cmd_shell_init(Context& ctx, const ShellArgs& args) {
  const Shell shell = choose_shell(args.shell);
  std::vector<fs::path> files;
  if (!args.rc.empty()) files.push_back(args.rc);
  else
    files = rc_files_for_init(shell, shell_home_from_environment(), [](const fs::path& p) {
      std::error_code ec;
      return fs::exists(p, ec);
    });
  PrefixSession session = open_prefix(ctx, "userpkg shell init --shell " + shell_name(shell));
  const bool dry_run = ctx.settings.dry_run;
  for (const RcChange& change : shell_init(session.layout, shell, files, dry_run, args.rc.empty())) report_init(ctx.reporter, change, dry_run);
  const std::string script = shell_quote(env_script_for(session.layout, shell).string());
  ctx.reporter.info("open a new shell or run: " + std::string(shell == Shell::fish ? "source " : ". ") + script);
  return 0;
}

int cmd_shell_deinit(Context& ctx, const ShellArgs& args) {
  DeinitRequest request;
  if (!args.shell.empty()) request.shell = parse_shell(args.shell);
  if (!args.rc.empty()) request.rc = fs::path(args.rc);
  else request.home = shell_home_from_environment();
  request.dry_run = ctx.settings.dry_run;
  PrefixSession session = open_prefix(ctx, "userpkg shell deinit", PrefixUse::removes);
  const std::string would = request.dry_run ? "would remove" : "removed";
  int changed = 0;
  for (const RcChange& c : shell_deinit(session.layout, request)) {
    const std::string f = c.file.string();
    switch (c.kind) {
      case RcChangeKind::block_removed:
        ++changed;
        ctx.reporter.info(would + " the userpkg block from " + f + backup_note(c));
        break;
      case RcChangeKind::file_removed:
        ++changed;
        ctx.reporter.info(would + " " + f + ", which `shell init` had created" + backup_note(c));
        break;
      case RcChangeKind::other_prefix:
        ctx.reporter.warn("left the userpkg block in " + f + " alone: it sources another prefix (run `userpkg --prefix DIR shell deinit` for that one)");
        break;
      case RcChangeKind::hand_edited:
        ctx.reporter.warn("left the userpkg block in " + f + " alone: it holds lines userpkg did not write (delete the block by hand, keeping your lines)");
        break;
      case RcChangeKind::missing:
      case RcChangeKind::no_block:
        if (c.recorded || request.rc) ctx.reporter.info(f + " has no userpkg block (nothing to remove)");
        break;
      default: break;
    }
  }
  if (changed == 0) ctx.reporter.info("no userpkg block of " + session.layout.root.string() + " found: nothing to do");
  else if (!request.dry_run) ctx.reporter.info("new shells start without userpkg; open ones keep their PATH until they exit");
  return 0;
}

void add_shell_options(CLI::App* cmd, ShellArgs& args, const std::string& shell_help) {
  cmd->add_option("--shell", args.shell, shell_help)->type_name("bash|zsh|fish|sh");
  cmd->add_option("--rc", args.rc, "this startup file instead of the usual ones")->type_name("FILE");
}

}  // namespace

void register_shell(CLI::App& app, CommandSet& commands) {
  auto* shell = app.add_subcommand("shell", "add or remove the userpkg block in your shell's startup files");
  shell->require_subcommand(1);

  auto& init_args = commands.make_args<ShellArgs>();
  auto* init = shell->add_subcommand("init", "make new shells find what userpkg installed (a marked block in ~/.bashrc …)");
  add_shell_options(init, init_args, "the shell to set up (default: from $SHELL, else bash)");
  commands.add(init, [&init_args](Invocation& in) { return cmd_shell_init(in.context(), init_args); });

  auto& deinit_args = commands.make_args<ShellArgs>();
  auto* deinit = shell->add_subcommand("deinit", "remove the block again, leaving each file as it was before init");
  add_shell_options(deinit, deinit_args, "only this shell's files (default: every file init changed)");
  commands.add(deinit, [&deinit_args](Invocation& in) { return cmd_shell_deinit(in.context(), deinit_args); });
}

}  // namespace userpkg
