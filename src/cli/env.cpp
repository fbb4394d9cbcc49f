// `userpkg env [--shell bash|zsh|fish|sh] [--ld-library-path]`: shell code for the current generation,
// for `eval "$(userpkg env)"` in job scripts (fish: `userpkg env --shell fish | source`).
#include <cstdio>
#include <fstream>
#include <unistd.h>

#include "cli/command_set.hpp"
#include "cli/commands.hpp"
#include "prefix/generations.hpp"
#include "prefix/layout.hpp"
#include "shell/env_script.hpp"
#include "shell/shell_kind.hpp"

namespace userpkg {

namespace {

struct EnvArgs {
  std::string shell;
  bool ld_library_path = false;
};

// The shell that will read the output: the one that started userpkg (a fish user's bash job script
// running `eval "$(userpkg env)"` needs bash code), else the one $SHELL names, else bash.
Shell output_shell(const std::string& flag) {
  if (!flag.empty()) return parse_shell(flag);
  std::string parent;
  std::ifstream(("/proc/" + std::to_string(::getppid()) + "/comm").c_str()) >> parent;
  if (auto shell = shell_from_env_value(parent)) return *shell;
  return choose_shell("");
}

int cmd_env(Context& ctx, const EnvArgs& args) {
  const Shell shell = output_shell(args.shell);
  const PrefixLayout layout{ctx.settings.prefix};
  const auto number = current_generation_number(layout);
  if (!number) {
    // Still valid code, so that `eval "$(userpkg env)"` in a job script does not fail.
    std::fprintf(stderr, "userpkg: note: nothing is installed in %s yet, so there is no environment to set\n",
                 layout.root.string().c_str());
    std::printf("# userpkg: nothing installed in %s\n", layout.root.string().c_str());
    return 0;
  }
  // One generation, read once: a concurrent install switching `current` cannot mix two.
  const Generation generation = read_generation(layout, *number);
  const EnvAdditions additions =
      merge_package_envs(generation_envs(layout, generation.packages), EnvScope{args.ld_library_path});
  std::string code = "# userpkg env: " + layout.root.string() + ", generation " + std::to_string(*number) + "\n" +
                     path_prepend_code(layout.bin_link().string(), shell) + env_code(additions, shell);
  std::fputs(code.c_str(), stdout);
  return 0;
}

}  // namespace

void register_env(CLI::App& app, CommandSet& commands) {
  auto& args = commands.make_args<EnvArgs>();
  auto* env = app.add_subcommand("env", "print shell code for the current generation: eval \"$(userpkg env)\"");
  env->add_option("--shell", args.shell, "bash, zsh, fish or sh (default: the shell that runs userpkg, else $SHELL)")->type_name("SHELL");
  env->add_flag("--ld-library-path", args.ld_library_path,
                "also export the packages' LD_LIBRARY_PATH (normally only their wrappers set it)");
  commands.add(env, [&args](Invocation& in) { return cmd_env(in.context(), args); });
}

}  // namespace userpkg
