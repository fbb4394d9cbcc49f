#include "build/post_install_test.hpp"

#include "build/build_env.hpp"
#include "build/build_log.hpp"
#include "build/build_step.hpp"
#include "build/builder.hpp"
#include "build/template.hpp"
#include "util/error.hpp"
#include "util/fs.hpp"

namespace userpkg {

void run_package_tests(const BuildRequest& req, Reporter& reporter) {
  if (!req.recipe || !req.version) throw Error("internal error: test request without a recipe or version");
  const auto& commands = req.recipe->test_commands;
  if (commands.empty()) return;

  TemplateVars vars = build_template_vars(req, req.jobs > 0 ? req.jobs : 1, /*with_destdir=*/false);
  // LD_LIBRARY_PATH stays removed: the test proves the installed programs find their libraries.
  Environment env = make_build_environment(req, Environment::current(), vars);
  env.prepend_path("PATH", (req.install_prefix / "bin").string());

  BuildLog log(req.log_path);
  if (req.scratch_dir.empty()) throw Error("internal error: test request without a scratch directory");
  ScopedDir scratch(make_unique_dir(req.scratch_dir, "test"));
  env.set("TMPDIR", scratch.path().string());  // what the test leaves behind stays in staging too
  StepRunner runner{package_label(req), scratch.path(), env, log};
  reporter.info(runner.package + ": test");
  for (auto& command : commands) {
    std::string expanded = expand_shell_template(command, vars);
    try {
      runner.run("test", {"/bin/sh", "-c", expanded});
    } catch (const BuildFailed&) {
      throw BuildFailed("the installed " + runner.package + " failed its test `" + expanded + "`",
                        "the test command exited non-zero", log);
    }
  }
}

}  // namespace userpkg
