// `userpkg mirror create DIR SPEC…`: every file the plan for SPEC needs, written into DIR in the
// mirror layout, so that `userpkg --offline --mirror DIR install SPEC…` works on a machine with no
// network (a cluster's compute nodes). The plan is made as for an empty prefix: the mirror is for
// another machine, which has none of what this prefix holds.
#include <cstdio>
#include <filesystem>

#include <CLI/CLI.hpp>

#include "cli/command_set.hpp"
#include "cli/commands.hpp"
#include "cli/install_plan.hpp"
#include "ops/mirror_create.hpp"
#include "ops/plan_files.hpp"
#include "util/strings.hpp"

namespace userpkg {
namespace {

namespace fs = std::filesystem;

struct MirrorCreateArgs {
  std::string dir;
  InstallArgs install;
};

// Quotes a word for a POSIX shell when it needs it.
std::string shell_word(const std::string& word) {
  if (!word.empty() && word.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789@%+=:,./_-") ==
                           std::string::npos)
    return word;
  std::string out = "'";
  for (char c : word) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

// The install to run on the offline machine: the same specs and options, this mirror alone.
std::string offline_install_command(const fs::path& dir, const InstallArgs& args) {
  std::vector<std::string> words{"userpkg", "--offline", "--mirror", dir.string(), "install"};
  auto option = [&](const std::string& name, const std::optional<std::string>& value) {
    if (value) words.insert(words.end(), {name, *value});
  };
  if (!args.build_deps.empty()) words.insert(words.end(), {"--build-deps", args.build_deps});
  if (!args.source_kind.empty()) words.insert(words.end(), {"--source", args.source_kind});
  option("--python", args.stack.python);
  option("--cuda", args.stack.cuda);
  option("--torch-index", args.stack.torch_index);
  option("--cuda-redist", args.stack.cuda_redist);
  option("--index-url", args.stack.index_url);
  for (const std::string& w : args.stack.wheelhouses) words.insert(words.end(), {"--wheelhouse", w});
  if (args.stack.allow_unverified) words.push_back("--allow-unverified");
  if (args.stack.force) words.push_back("--force");
  words.insert(words.end(), args.specs.begin(), args.specs.end());
  std::string out;
  for (const std::string& w : words) out += (out.empty() ? "" : " ") + shell_word(w);
  return out;
}

const char* state_word(MirrorFileState state) {
  switch (state) {
    case MirrorFileState::Added: return "added     ";
    case MirrorFileState::UpToDate: return "up to date";
    case MirrorFileState::Replaced: return "replaced  ";
  }
  return "";
}

int cmd_mirror_create(Context& ctx, const MirrorCreateArgs& args) {
  const fs::path dir = fs::absolute(args.dir).lexically_normal();
  PrefixSession session = open_prefix(ctx, command_line("mirror create " + dir.string(), args.install));
  const StackSettings stack = apply_stack_options(ctx.settings.stack, args.install.stack);
  Plan plan = make_install_plan(ctx, session, args.install, stack, PlanFor::FreshPrefix);
  if (ctx.settings.verbosity >= 0 || ctx.settings.dry_run) print_plan(plan);
  if (ctx.settings.dry_run) return 0;

  std::vector<PlannedFile> files = plan_files(plan, session.layout, stack, session.fetch, ctx.reporter);
  MirrorResult result = create_mirror(dir, files, session.fetch, ctx.reporter);
  std::printf("Files:\n");
  for (std::size_t i = 0; i < files.size(); ++i)
    std::printf("  %s  %s  (%s)\n", state_word(result.files[i].state),
                result.files[i].path.lexically_relative(dir).c_str(), files[i].purpose.c_str());
  std::vector<std::string> from_system;
  for (const PlannedPackage& p : plan.packages)
    if (p.action == Action::System) from_system.push_back(p.name());
  std::printf("Mirror %s: %zu file(s), %s (%zu added, %zu up to date, %zu replaced)\n", dir.c_str(),
              result.files.size(), human_bytes(result.total_bytes()).c_str(), result.count(MirrorFileState::Added),
              result.count(MirrorFileState::UpToDate), result.count(MirrorFileState::Replaced));
  if (!from_system.empty())
    std::printf("Not in the mirror: %s, which this system provides; if the offline machine lacks them, run this "
                "again with --build-deps always\n",
                join(from_system, ", ").c_str());
  std::printf("On the offline machine:\n  %s\n", offline_install_command(dir, args.install).c_str());
  std::fflush(stdout);
  return 0;
}

}  // namespace

void register_mirror(CLI::App& app, CommandSet& commands) {
  auto* mirror = app.add_subcommand("mirror", "mirrors for machines without network");
  mirror->require_subcommand(1);
  auto& args = commands.make_args<MirrorCreateArgs>();
  auto* create = mirror->add_subcommand(
      "create", "write every file the plan for SPEC needs into DIR (<DIR>/<recipe>/<file>) for "
                "`userpkg --offline --mirror DIR install SPEC`; reruns add only what is missing");
  create->add_option("dir", args.dir, "mirror directory (made if missing)")->required();
  add_install_options(create, args.install);
  commands.add(create, [&args](Invocation& in) { return cmd_mirror_create(in.context(), args); });
}

}  // namespace userpkg
