// [build] system = "cmake": an out-of-source configure, build and install with the cmake on PATH
// (the system's, or one built into the prefix and listed in tool_paths).
#include "build/build_env.hpp"
#include "build/drivers.hpp"
#include "util/error.hpp"
#include "util/process.hpp"
#include "util/strings.hpp"

namespace userpkg {
namespace {

namespace fs = std::filesystem;

void require_cmake(const DriverContext& ctx) {
  if (!find_program("cmake", ctx.runner.env.get("PATH").value_or("")).empty()) return;
  throw Error("cannot build " + ctx.runner.package + ": cmake is not installed",
              "the recipe " + ctx.req.recipe->origin + " builds with [build] system = \"cmake\", and no cmake is on PATH",
              "install cmake (e.g. `apt-get install cmake`, or `pip install --user cmake`) and make sure it is on PATH");
}

// CMake ignores CPPFLAGS; the include directories of the built dependencies go to the compilers'
// flags instead. LDFLAGS (with the rpaths of build_env) CMake reads itself on the first configure.
StepRunner cmake_runner(const StepRunner& base) {
  StepRunner runner = base;
  if (auto cppflags = runner.env.get("CPPFLAGS"); cppflags && !cppflags->empty())
    for (const char* variable : {"CFLAGS", "CXXFLAGS"}) {
      auto flags = runner.env.get(variable);
      runner.env.set(variable, flags && !flags->empty() ? *flags + " " + *cppflags : *cppflags);
    }
  return runner;
}

// Built dependencies for find_package()/find_library(), and the rpath the installed files keep
// (CMake rewrites the build tree's rpath on install).
std::vector<std::string> prefix_arguments(const BuildRequest& req) {
  std::vector<std::string> prefixes, rpath;
  for (const DepState& d : req.deps) {
    if (d.from_system || d.prefix.empty()) continue;
    prefixes.push_back(d.prefix.string());
    rpath.push_back((d.prefix / "lib").string());
  }
  rpath.push_back((req.install_prefix / "lib").string());
  std::vector<std::string> args{"-DCMAKE_INSTALL_RPATH=" + join(rpath, ";"), "-DCMAKE_INSTALL_RPATH_USE_LINK_PATH=ON"};
  if (!prefixes.empty()) args.push_back("-DCMAKE_PREFIX_PATH=" + join(prefixes, ";"));
  return args;
}

}  // namespace

void run_cmake_driver(const DriverContext& ctx) {
  const BuildSpec& spec = ctx.req.recipe->build;
  require_cmake(ctx);
  const StepRunner runner = cmake_runner(ctx.runner);
  // Inside the source tree, which the install pipeline throws away after the build.
  const fs::path build_dir = ctx.req.source_dir / "userpkg-build";

  ctx.reporter.info(runner.package + ": configure");
  std::vector<std::string> configure{"cmake",
                                     "-S",
                                     ctx.req.source_dir.string(),
                                     "-B",
                                     build_dir.string(),
                                     "-DCMAKE_INSTALL_PREFIX=" + ctx.req.install_prefix.string(),
                                     "-DCMAKE_BUILD_TYPE=Release",
                                     "-DCMAKE_INSTALL_LIBDIR=lib"};
  for (auto& a : prefix_arguments(ctx.req)) configure.push_back(a);
  for (auto& a : expand_templates(spec.configure, ctx.vars)) configure.push_back(a);
  for (auto* addition : active_additions(ctx.req))
    for (auto& a : expand_templates(addition->configure, ctx.vars)) configure.push_back(a);
  runner.run("configure", configure);

  ctx.reporter.info(runner.package + ": build");
  std::vector<std::string> build{"cmake", "--build", build_dir.string()};
  if (spec.parallel && ctx.jobs > 1) build.insert(build.end(), {"-j", std::to_string(ctx.jobs)});
  // [build] make: arguments for the native build tool (after "--").
  auto native = expand_templates(spec.make, ctx.vars);
  if (!native.empty()) {
    build.push_back("--");
    build.insert(build.end(), native.begin(), native.end());
  }
  runner.run("build", build);

  ctx.reporter.info(runner.package + ": install");
  StepRunner install_runner = runner;
  if (spec.destdir) install_runner.env.set("DESTDIR", ctx.req.destdir.string());
  install_runner.run("install", {"cmake", "--install", build_dir.string()});
}

}  // namespace userpkg
