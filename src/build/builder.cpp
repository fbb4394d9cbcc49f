#include "build/builder.hpp"

#include "build/build_env.hpp"
#include "build/build_log.hpp"
#include "build/drivers.hpp"
#include "build/patch.hpp"
#include "build/template.hpp"
#include "platform/cpu.hpp"
#include "util/error.hpp"
#include "util/fs.hpp"

namespace userpkg {
namespace {

void check_request(const BuildRequest& req) {
  if (!req.recipe || !req.version) throw Error("internal error: build request without a recipe or version");
  if (!req.install_prefix.is_absolute())
    throw Error("internal error: install prefix '" + req.install_prefix.string() + "' is not absolute");
  if (!std::filesystem::is_directory(req.source_dir))
    throw Error("cannot build " + package_label(req), "the source directory " + req.source_dir.string() + " does not exist");
}

// Where the install step should have put the files (<destdir><install_prefix>).
std::filesystem::path staged_prefix(const BuildRequest& req) {
  return req.destdir / req.install_prefix.relative_path();
}

}  // namespace

std::string package_label(const BuildRequest& req) {
  std::string label = req.recipe ? req.recipe->name : std::string("?");
  if (req.version) label += " " + req.version->version.str();
  return label;
}

void build_package(const BuildRequest& req, Reporter& reporter) {
  check_request(req);
  const BuildSpec& spec = req.recipe->build;
  if (spec.system != "autotools" && spec.system != "make" && spec.system != "cmake")
    throw Error("recipe " + req.recipe->name + " uses the build system '" + spec.system + "', which userpkg does not know",
                "known build systems: autotools, make, cmake", "fix [build] system in " + req.recipe->origin);

  int jobs = req.jobs > 0 ? req.jobs : cpu_count();
  TemplateVars vars = build_template_vars(req, jobs);
  Environment base = Environment::current();
  Environment env = make_build_environment(req, base, vars);

  BuildLog log(req.log_path);
  log.line("==== building " + package_label(req) + " (recipe: " + req.recipe->origin + ") into " + req.install_prefix.string());
  if (base.get("LD_LIBRARY_PATH")) {
    std::string note = "LD_LIBRARY_PATH is ignored while building (built packages find their libraries by rpath)";
    log.line(note);
    reporter.detail(note);
  }
  if (!req.destdir.empty()) ensure_dir(req.destdir);

  StepRunner runner{package_label(req), req.source_dir, env, log};
  if (!active_patches(req).empty()) reporter.info(runner.package + ": patch");
  apply_patches(req, runner);

  DriverContext ctx{req, runner, vars, jobs, reporter};
  if (spec.system == "autotools")
    run_autotools_driver(ctx);
  else if (spec.system == "cmake")
    run_cmake_driver(ctx);
  else
    run_make_driver(ctx);

  // The recipe's own finishing touches on the staged tree (e.g. python -> python3).
  std::vector<std::string> post = expand_shell_templates(spec.post_install, vars);
  if (!post.empty()) reporter.info(runner.package + ": post-install");
  for (auto& command : post) runner.run("post-install", {"/bin/sh", "-c", command});

  if (!req.destdir.empty() && !std::filesystem::is_directory(staged_prefix(req)))
    throw Error("installing " + runner.package + " put nothing into " + staged_prefix(req).string(),
                "`make install` succeeded, but the files went somewhere else",
                spec.destdir ? "if its Makefile ignores DESTDIR, set [build] destdir = false and pass "
                               "install = [\"install\", \"PREFIX={destdir}{prefix}\"]"
                             : "the install arguments must send files to {destdir}{prefix}");
  log.line("==== built " + runner.package);
}

}  // namespace userpkg
