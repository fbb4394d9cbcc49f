#include "build/build_env.hpp"
#include "build/drivers.hpp"

namespace userpkg {

void run_make_and_install(const DriverContext& ctx) {
  const BuildSpec& spec = ctx.req.recipe->build;
  // Additions' make arguments are variable settings (NO_GETTEXT=YesPlease) that make install must
  // see too, or Makefiles that recompute them would rebuild differently during install.
  std::vector<std::string> addition_args;
  for (auto* a : active_additions(ctx.req)) {
    auto args = expand_templates(a->make, ctx.vars);
    addition_args.insert(addition_args.end(), args.begin(), args.end());
  }

  std::string package = ctx.runner.package;
  ctx.reporter.info(package + ": build");
  std::vector<std::string> make{"make"};
  if (spec.parallel && ctx.jobs > 1) make.push_back("-j" + std::to_string(ctx.jobs));
  for (auto& a : expand_templates(spec.make, ctx.vars)) make.push_back(a);
  make.insert(make.end(), addition_args.begin(), addition_args.end());
  ctx.runner.run("build", make);

  ctx.reporter.info(package + ": install");
  std::vector<std::string> install{"make"};
  for (auto& a : expand_templates(spec.install, ctx.vars)) install.push_back(a);
  install.insert(install.end(), addition_args.begin(), addition_args.end());
  if (spec.destdir) install.push_back("DESTDIR=" + ctx.req.destdir.string());
  ctx.runner.run("install", install);
}

void run_make_driver(const DriverContext& ctx) { run_make_and_install(ctx); }

}  // namespace userpkg
