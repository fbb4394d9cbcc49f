#include "build/build_env.hpp"

#include <set>

#include "util/strings.hpp"

namespace userpkg {
namespace {

// Flags variables collect words from every source instead of being replaced: a recipe that sets
// LDFLAGS must not silently drop the rpath.
const std::set<std::string> kFlagVariables = {"CFLAGS", "CXXFLAGS", "CPPFLAGS", "LDFLAGS", "LIBS"};

void append_words(Environment& env, const std::string& name, const std::vector<std::string>& words) {
  std::vector<std::string> all;
  if (auto old = env.get(name)) all.push_back(*old);
  all.insert(all.end(), words.begin(), words.end());
  std::vector<std::string> kept;
  for (auto& w : all)
    if (!trim(w).empty()) kept.emplace_back(trim(w));
  if (!kept.empty()) env.set(name, join(kept, " "));
}

void set_variable(Environment& env, const std::string& name, const std::string& value) {
  if (kFlagVariables.count(name))
    append_words(env, name, {value});
  else
    env.set(name, value);
}

std::vector<const DepState*> built_deps(const BuildRequest& req) {
  std::vector<const DepState*> out;
  for (auto& d : req.deps)
    if (!d.from_system && !d.prefix.empty()) out.push_back(&d);
  return out;
}

}  // namespace

std::vector<const BuildAddition*> active_additions(const BuildRequest& req) {
  std::vector<const BuildAddition*> out;
  for (auto& a : req.recipe->build.additions)
    if (condition_holds(a.condition, req.version->version, req.deps)) out.push_back(&a);
  return out;
}

Environment make_build_environment(const BuildRequest& req, const Environment& base, const TemplateVars& vars) {
  Environment env = base;
  // LD_LIBRARY_PATH is dropped: with RUNPATH it overrides the rpath we set, so configure checks
  // and programs run during the build could pick up the user's copies of libssl, libffi…
  // (a conda or module lib dir) instead of the ones the package is built against — a build that
  // passes here and breaks once the variable changes. Built packages find their libraries by rpath.
  env.unset("LD_LIBRARY_PATH");

  auto deps = built_deps(req);
  // prepend_path puts each directory first, so walk in reverse to keep the given order.
  for (auto it = deps.rbegin(); it != deps.rend(); ++it) {
    const auto& p = (*it)->prefix;
    env.prepend_path("PATH", (p / "bin").string());
    env.prepend_path("PKG_CONFIG_PATH", (p / "share/pkgconfig").string());
    env.prepend_path("PKG_CONFIG_PATH", (p / "lib/pkgconfig").string());
    env.prepend_path("ACLOCAL_PATH", (p / "share/aclocal").string());
  }
  for (auto it = req.tool_paths.rbegin(); it != req.tool_paths.rend(); ++it) {
    env.prepend_path("PATH", it->string());
    // A tool built into the prefix (libtool, pkg-config) brings m4 macros aclocal must see.
    env.prepend_path("ACLOCAL_PATH", (it->parent_path() / "share/aclocal").string());
  }

  std::vector<std::string> cppflags, ldflags;
  for (auto* d : deps) {
    cppflags.push_back("-I" + (d->prefix / "include").string());
    ldflags.push_back("-L" + (d->prefix / "lib").string());
    ldflags.push_back("-Wl,-rpath," + (d->prefix / "lib").string());
  }
  ldflags.push_back("-Wl,-rpath," + (req.install_prefix / "lib").string());
  auto user_cppflags = env.get("CPPFLAGS"), user_ldflags = env.get("LDFLAGS");
  env.unset("CPPFLAGS");
  env.unset("LDFLAGS");
  append_words(env, "CPPFLAGS", cppflags);
  if (user_cppflags) append_words(env, "CPPFLAGS", {*user_cppflags});
  append_words(env, "LDFLAGS", ldflags);
  if (user_ldflags) append_words(env, "LDFLAGS", {*user_ldflags});

  for (auto& [name, value] : req.recipe->build.env) set_variable(env, name, expand_template(value, vars));
  for (auto* a : active_additions(req)) {
    append_words(env, "CFLAGS", expand_templates(a->cflags, vars));
    append_words(env, "CPPFLAGS", expand_templates(a->cppflags, vars));
    append_words(env, "LDFLAGS", expand_templates(a->ldflags, vars));
    for (auto& [name, value] : a->env) set_variable(env, name, expand_template(value, vars));
  }
  return env;
}

}  // namespace userpkg
