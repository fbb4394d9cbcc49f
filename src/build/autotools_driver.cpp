#include <unistd.h>

#include "build/build_env.hpp"
#include "build/drivers.hpp"
#include "core/spec.hpp"
#include "util/error.hpp"
#include "util/process.hpp"
#include "util/strings.hpp"

namespace userpkg {
namespace {

// Runs the regenerate command (default autoreconf -fi) when the source ships no configure script.
void regenerate_configure(const DriverContext& ctx, const std::filesystem::path& script) {
  const BuildSpec& spec = ctx.req.recipe->build;
  std::vector<std::string> argv =
      spec.regenerate.empty() ? std::vector<std::string>{"autoreconf", "-fi"} : expand_templates(spec.regenerate, ctx.vars);
  const std::string& tool = argv.at(0);
  bool found = tool.find('/') != std::string::npos ? std::filesystem::exists(ctx.req.source_dir / tool)
                                                   : !find_program(tool, ctx.runner.env.get("PATH").value_or("")).empty();
  std::vector<std::string> tool_names;
  for (auto& t : spec.regenerate_depends) tool_names.push_back(parse_spec(t).name);  // "autoconf@2.69:" -> autoconf
  std::string tools = tool_names.empty() ? "autoconf, automake and libtool" : join(tool_names, ", ");
  if (!found)
    throw Error("cannot make ./" + spec.configure_script + " for " + ctx.runner.package,
                "this source ships no ./" + spec.configure_script + ", and " + tool + " (which makes it) is not available",
                "install " + tools + " first, or " +
                    (ctx.req.regenerate ? std::string("use the release tarball instead of this source kind")
                                        : "report it: this release should ship ./" + spec.configure_script +
                                              " (or its recipe should set [build] regenerate)"));
  ctx.reporter.info(ctx.runner.package + ": regenerate ./" + spec.configure_script);
  ctx.runner.run("regenerate", argv);
  if (!std::filesystem::exists(script))
    throw Error("regenerating the build files of " + ctx.runner.package + " did not create ./" + spec.configure_script,
                "`" + join(argv, " ") + "` succeeded but left no " + script.string(),
                "check the recipe's regenerate command (see the build log " + ctx.runner.log.path().string() + ")");
}

}  // namespace

void run_autotools_driver(const DriverContext& ctx) {
  const BuildSpec& spec = ctx.req.recipe->build;
  auto script = ctx.req.source_dir / spec.configure_script;
  if (ctx.req.regenerate || !std::filesystem::exists(script)) regenerate_configure(ctx, script);

  ctx.reporter.info(ctx.runner.package + ": configure");
  std::vector<std::string> configure;
  // A script unpacked without its execute bit still runs through sh.
  if (access(script.c_str(), X_OK) != 0) configure.push_back("/bin/sh");
  configure.push_back("./" + spec.configure_script);
  configure.push_back("--prefix=" + ctx.req.install_prefix.string());
  for (auto& a : expand_templates(spec.configure, ctx.vars)) configure.push_back(a);
  for (auto* addition : active_additions(ctx.req))
    for (auto& a : expand_templates(addition->configure, ctx.vars)) configure.push_back(a);
  ctx.runner.run("configure", configure);

  run_make_and_install(ctx);
}

}  // namespace userpkg
