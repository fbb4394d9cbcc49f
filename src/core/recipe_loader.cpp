#include "core/recipe_loader.hpp"

#include <algorithm>
#include <cctype>
#include <set>
#include <toml++/toml.h>

#include <sstream>

#include "core/spec.hpp"
#include "cuda/redist_manifest.hpp"
#include "fetch/sha256.hpp"
#include "util/error.hpp"
#include "util/input_limits.hpp"
#include "util/strings.hpp"

namespace userpkg {
namespace {

// Reads one recipe, remembering where it came from so every complaint carries file:line.
class Reader {
 public:
  explicit Reader(std::string origin) : origin_(std::move(origin)) {}

  [[noreturn]] void fail(const toml::node* at, const std::string& what) const {
    std::string where = origin_;
    if (at && at->source().begin.line) where += ":" + std::to_string(at->source().begin.line);
    throw Error(where + ": " + what, "", "fix the recipe; see README.md, \"Writing a recipe\"");
  }

  void only_keys(const toml::table& t, std::initializer_list<std::string_view> allowed, const std::string& section) const {
    for (auto& [key, node] : t) {
      if (std::find(allowed.begin(), allowed.end(), key.str()) == allowed.end())
        fail(&node, "unknown key '" + std::string(key.str()) + "'" + (section.empty() ? "" : " in [" + section + "]"));
    }
  }

  std::string string(const toml::table& t, std::string_view key, bool required, const toml::node* context) const {
    const toml::node* n = t.get(key);
    if (!n) {
      if (required) fail(context, "missing '" + std::string(key) + "'");
      return {};
    }
    if (!n->is_string()) fail(n, "'" + std::string(key) + "' must be a string");
    return std::string(*n->value<std::string_view>());
  }

  std::vector<std::string> strings(const toml::table& t, std::string_view key) const {
    std::vector<std::string> out;
    const toml::node* n = t.get(key);
    if (!n) return out;
    const toml::array* arr = n->as_array();
    if (!arr) fail(n, "'" + std::string(key) + "' must be a list of strings");
    for (auto& item : *arr) {
      if (!item.is_string()) fail(&item, "'" + std::string(key) + "' must be a list of strings");
      out.emplace_back(*item.value<std::string_view>());
    }
    return out;
  }

  bool boolean(const toml::table& t, std::string_view key, bool fallback) const {
    const toml::node* n = t.get(key);
    if (!n) return fallback;
    if (!n->is_boolean()) fail(n, "'" + std::string(key) + "' must be true or false");
    return *n->value<bool>();
  }

  std::map<std::string, std::string> string_map(const toml::table& t, std::string_view key) const {
    std::map<std::string, std::string> out;
    const toml::node* n = t.get(key);
    if (!n) return out;
    const toml::table* tab = n->as_table();
    if (!tab) fail(n, "'" + std::string(key) + "' must be a table of strings");
    for (auto& [k, v] : *tab) {
      if (!v.is_string()) fail(&v, "'" + std::string(k.str()) + "' must be a string");
      out[std::string(k.str())] = std::string(*v.value<std::string_view>());
    }
    return out;
  }

  const toml::table* table(const toml::table& t, std::string_view key, bool required, const toml::node* context) const {
    const toml::node* n = t.get(key);
    if (!n) {
      if (required) fail(context, "missing [" + std::string(key) + "]");
      return nullptr;
    }
    if (!n->is_table()) fail(n, "'" + std::string(key) + "' must be a table");
    return n->as_table();
  }

  void check_url(const std::string& url, const toml::node* at) const {
    if (!url.starts_with("https://")) fail(at, "URL '" + url + "' must use https://");
  }

 private:
  std::string origin_;
};

bool valid_name(std::string_view name) {
  if (name.empty() || !std::isalnum(static_cast<unsigned char>(name[0]))) return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '+' || c == '-';
  });
}

std::string file_name_of(const std::string& url) {
  auto slash = url.find_last_of('/');
  return slash == std::string::npos ? url : url.substr(slash + 1);
}

SourceFile make_source(const std::string& url_templ, const std::string& file_templ, const std::string& version,
                       std::string sha) {
  SourceFile f;
  f.url = expand_version(url_templ, version);
  f.file_name = file_templ.empty() ? file_name_of(f.url) : expand_version(file_templ, version);
  f.sha256 = std::move(sha);
  return f;
}

// [redist] (see RedistSpec): required for, and only allowed in, a cuda-redist recipe. Each carried
// manifest is checked here with the manifest parser, so a broken entry fails when the recipe loads.
void load_redist(const Reader& r, const toml::table& root, Recipe& recipe) {
  const bool redist_kind = recipe.build.system == "cuda-redist";
  const toml::table* t = r.table(root, "redist", redist_kind, &root);
  if (!t) return;
  if (!redist_kind) r.fail(t, "[redist] belongs to recipes whose [build] system is \"cuda-redist\"");
  r.only_keys(*t, {"product", "components", "manifests"}, "redist");
  RedistSpec& spec = recipe.redist;
  spec.product = r.string(*t, "product", true, t);
  if (!valid_name(spec.product)) r.fail(t->get("product"), "'" + spec.product + "' is not a product name such as \"cuda\"");
  spec.components = r.strings(*t, "components");
  const toml::table* manifests = r.table(*t, "manifests", false, t);
  if (!manifests) return;
  for (auto& [key, node] : *manifests) {
    std::string text(key.str());
    auto version = Version::try_parse(text);
    if (!version) r.fail(&node, "[redist.manifests] '" + text + "' is not a version");
    const toml::table* manifest = node.as_table();
    if (!manifest) r.fail(&node, "[redist.manifests.\"" + text + "\"] must be a table: NVIDIA's manifest as TOML");
    std::ostringstream json;
    json << toml::json_formatter{*manifest};
    try {
      cuda::RedistManifest parsed = cuda::parse_redist_manifest(json.str(), "[redist.manifests.\"" + text + "\"]");
      for (const std::string& component : spec.components)
        if (!parsed.components.count(component))
          r.fail(&node, "[redist.manifests.\"" + text + "\"] has no component \"" + component + "\", which [redist] components names");
    } catch (const Error& e) {
      r.fail(&node, std::string(e.what()) + (e.why().empty() ? "" : ": " + e.why()));
    }
    spec.manifests[version->str()] = json.str();
  }
}

void load_source(const Reader& r, const toml::table& root, Recipe& recipe) {
  // A cuda-redist recipe needs [source] only for the versions that pin NVIDIA's manifest file.
  bool required = versions_carry_files(recipe.build.system) && recipe.build.system != "cuda-redist";
  const toml::table* src = r.table(root, "source", required, &root);
  if (!src) return;
  r.only_keys(*src, {"url", "file", "alternates", "kinds"}, "source");
  recipe.url_template = r.string(*src, "url", true, src);
  r.check_url(recipe.url_template, src->get("url"));
  recipe.file_template = r.string(*src, "file", false, src);
  recipe.alternate_templates = r.string_map(*src, "alternates");
  for (auto& [name, url] : recipe.alternate_templates) r.check_url(url, src->get("alternates"));
  if (const toml::table* kinds = r.table(*src, "kinds", false, src)) {
    for (auto& [name, node] : *kinds) {
      const toml::table* k = node.as_table();
      if (!k) r.fail(&node, "source kind '" + std::string(name.str()) + "' must be a table");
      r.only_keys(*k, {"url", "file", "regenerate"}, "source.kinds." + std::string(name.str()));
      SourceKind kind;
      kind.url_template = r.string(*k, "url", true, k);
      r.check_url(kind.url_template, k->get("url"));
      kind.file_template = r.string(*k, "file", false, k);
      kind.regenerate = r.boolean(*k, "regenerate", false);
      recipe.kinds[std::string(name.str())] = kind;
    }
  }
}

void load_versions(const Reader& r, const toml::table& root, Recipe& recipe) {
  const toml::table* versions = r.table(root, "versions", true, &root);
  for (auto& [key, node] : *versions) {
    std::string text(key.str());
    auto version = Version::try_parse(text);
    if (!version) r.fail(&node, "'" + text + "' is not a version");
    const toml::table* entry = node.as_table();
    if (!entry) r.fail(&node, "version " + text + " must be a table like { sha256 = \"…\" }");
    RecipeVersion rv;
    rv.version = *version;
    std::string url_templ = recipe.url_template;
    for (auto& [k, v] : *entry) {
      std::string field(k.str());
      if (!v.is_string()) r.fail(&v, "'" + field + "' of version " + text + " must be a string");
      std::string value(*v.value<std::string_view>());
      if (field == "url") {
        r.check_url(value, &v);
        url_templ = value;
      } else if (field != "sha256" && !recipe.alternate_templates.count(field) && !recipe.kinds.count(field)) {
        r.fail(&v, "version " + text + ": '" + field + "' is neither sha256, url, an alternate nor a source kind");
      } else if (!is_sha256_hex(value)) {
        r.fail(&v, "version " + text + ": '" + field + "' must be a sha256 (64 lowercase hex digits)");
      }
    }
    std::string sha = r.string(*entry, "sha256", false, entry);
    if (recipe.build.system == "cuda-redist") {
      bool carried = recipe.redist.manifests.count(version->str()) > 0;
      if (carried && !entry->empty())
        r.fail(&node, "version " + text + " has its manifest in [redist.manifests] and a file: list it as \"" + text +
                          "\" = {}, or drop the carried manifest");
      if (carried) {
        recipe.versions.push_back(std::move(rv));
        continue;
      }
      if (recipe.url_template.empty())
        r.fail(&node, "version " + text + " has no [redist.manifests.\"" + text +
                          "\"] and the recipe has no [source] url for NVIDIA's redistrib_{version}.json");
    }
    if (!versions_carry_files(recipe.build.system)) {
      if (!entry->empty()) r.fail(&node, "version " + text + ": a " + recipe.build.system +
                                             " recipe lists bare versions (\"2.1.2\" = {}); the index names the files");
      rv.version = *version;
      recipe.versions.push_back(std::move(rv));
      continue;
    }
    if (sha.empty()) r.fail(&node, "version " + text + " has no sha256: every download must be verifiable");
    bool url_overridden = url_templ != recipe.url_template;
    rv.primary = make_source(url_templ, url_overridden ? "" : recipe.file_template, text, sha);
    for (auto& [name, templ] : recipe.alternate_templates)
      if (auto alt_sha = r.string(*entry, name, false, entry); !alt_sha.empty())
        rv.alternates.push_back(make_source(templ, "", text, alt_sha));
    for (auto& [name, kind] : recipe.kinds)
      if (auto kind_sha = r.string(*entry, name, false, entry); !kind_sha.empty())
        rv.kinds[name] = make_source(kind.url_template, kind.file_template, text, kind_sha);
    recipe.versions.push_back(std::move(rv));
  }
  if (recipe.versions.empty()) r.fail(versions, "[versions] lists no version");
  std::sort(recipe.versions.begin(), recipe.versions.end(),
            [](const RecipeVersion& a, const RecipeVersion& b) { return a.version > b.version; });
}

void load_depends(const Reader& r, const toml::table& root, Recipe& recipe) {
  const toml::table* deps = r.table(root, "depends", false, &root);
  if (!deps) return;
  for (auto& [key, node] : *deps) {
    Dependency d;
    d.name = std::string(key.str());
    if (!valid_name(d.name)) r.fail(&node, "'" + d.name + "' is not a valid recipe name");
    const toml::table* t = node.as_table();
    if (!t) r.fail(&node, "dependency " + d.name + " must be a table like { system = true }");
    r.only_keys(*t, {"version", "system", "for", "build"}, "depends." + d.name);
    try {
      d.constraint = VersionConstraint::parse(r.string(*t, "version", false, t));
    } catch (const Error& e) {
      r.fail(t->get("version"), e.what());
    }
    d.system_ok = r.boolean(*t, "system", false);
    d.purpose = r.string(*t, "for", false, t);
    // build = { "@:3.9" = "1.1.1" }: which versions to build it at, by the depending package's version.
    for (auto& [cond, constraint] : r.string_map(*t, "build")) {
      try {
        d.build_constraints.emplace_back(VersionConstraint::parse(cond.starts_with("@") ? cond.substr(1) : "!"),
                                         VersionConstraint::parse(constraint));
      } catch (const Error&) {
        r.fail(t->get("build"), "'build' entries look like \"@:3.9\" = \"1.1.1\"");
      }
    }
    recipe.depends.push_back(std::move(d));
  }
}

void load_system(const Reader& r, const toml::table& root, Recipe& recipe) {
  const toml::table* sys = r.table(root, "system", false, &root);
  if (!sys) return;
  r.only_keys(*sys, {"headers", "libraries", "pkg_config", "version_header", "programs", "version_command"}, "system");
  SystemProbe& p = recipe.system;
  p.headers = r.strings(*sys, "headers");
  p.libraries = r.strings(*sys, "libraries");
  p.pkg_config = r.string(*sys, "pkg_config", false, sys);
  p.programs = r.strings(*sys, "programs");
  p.version_command = r.strings(*sys, "version_command");
  if (const toml::table* vh = r.table(*sys, "version_header", false, sys)) {
    r.only_keys(*vh, {"file", "define"}, "system.version_header");
    p.version_header = r.string(*vh, "file", true, vh);
    p.version_define = r.string(*vh, "define", true, vh);
  }
}

void load_build(const Reader& r, const toml::table& root, Recipe& recipe) {
  const toml::table* b = r.table(root, "build", true, &root);
  r.only_keys(*b, {"system", "configure", "configure_script", "regenerate", "regenerate_depends", "make", "install",
                   "destdir", "parallel", "env", "when", "post_install"},
              "build");
  BuildSpec& spec = recipe.build;
  spec.system = r.string(*b, "system", true, b);
  if (std::find(kBuildSystems.begin(), kBuildSystems.end(), spec.system) == kBuildSystems.end()) {
    std::string known;
    for (auto name : kBuildSystems) known += (known.empty() ? "" : ", ") + std::string(name);
    r.fail(b->get("system"), "build system '" + spec.system + "' is not known (" + known + ")");
  }
  spec.configure = r.strings(*b, "configure");
  if (auto s = r.string(*b, "configure_script", false, b); !s.empty()) spec.configure_script = s;
  spec.regenerate = r.strings(*b, "regenerate");
  if (b->get("regenerate_depends")) {
    spec.regenerate_depends = r.strings(*b, "regenerate_depends");
    for (auto& tool : spec.regenerate_depends) {
      try {
        parse_spec(tool);
      } catch (const Error& e) {
        r.fail(b->get("regenerate_depends"), std::string(e.what()) + " in regenerate_depends");
      }
    }
  } else {
    // What `autoreconf -fi` needs, at versions that regenerate today's configure.ac files.
    spec.regenerate_depends = {"autoconf@2.69:", "automake@1.15:", "libtool@2.4:", "m4@1.4.16:"};
  }
  spec.make = r.strings(*b, "make");
  if (b->get("install")) spec.install = r.strings(*b, "install");
  spec.destdir = r.boolean(*b, "destdir", true);
  spec.parallel = r.boolean(*b, "parallel", true);
  spec.env = r.string_map(*b, "env");
  spec.post_install = r.strings(*b, "post_install");
  if (const toml::node* when = b->get("when")) {
    const toml::array* arr = when->as_array();
    if (!arr) r.fail(when, "[[build.when]] must be an array of tables");
    for (auto& item : *arr) {
      const toml::table* t = item.as_table();
      if (!t) r.fail(&item, "[[build.when]] entries must be tables");
      r.only_keys(*t, {"if", "configure", "cflags", "cppflags", "ldflags", "make", "env"}, "build.when");
      BuildAddition a;
      a.condition = r.string(*t, "if", true, t);
      a.configure = r.strings(*t, "configure");
      a.cflags = r.strings(*t, "cflags");
      a.cppflags = r.strings(*t, "cppflags");
      a.ldflags = r.strings(*t, "ldflags");
      a.make = r.strings(*t, "make");
      a.env = r.string_map(*t, "env");
      spec.additions.push_back(std::move(a));
    }
  }
}

void load_patches(const Reader& r, const toml::table& root, Recipe& recipe) {
  const toml::node* n = root.get("patches");
  if (!n) return;
  const toml::array* arr = n->as_array();
  if (!arr) r.fail(n, "[[patches]] must be an array of tables");
  for (auto& item : *arr) {
    const toml::table* t = item.as_table();
    if (!t) r.fail(&item, "[[patches]] entries must be tables");
    r.only_keys(*t, {"file", "sha256", "when"}, "patches");
    Patch p;
    p.file = r.string(*t, "file", true, t);
    if (p.file.starts_with("/") || p.file.find("..") != std::string::npos)
      r.fail(t->get("file"), "patch path '" + p.file + "' must stay inside patches/");
    p.sha256 = r.string(*t, "sha256", true, t);
    if (!is_sha256_hex(p.sha256)) r.fail(t->get("sha256"), "patch sha256 must be 64 lowercase hex digits");
    p.condition = r.string(*t, "when", false, t);
    recipe.patches.push_back(std::move(p));
  }
}

// [env]: see RecipeEnv in core/recipe.hpp for the shape and the rules checked here.
bool valid_variable_name(std::string_view name) {
  if (name.empty() || std::isdigit(static_cast<unsigned char>(name[0]))) return false;
  return std::all_of(name.begin(), name.end(),
                     [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; });
}

bool is_list_variable(std::string_view name) {
  return std::find(kEnvListVariables.begin(), kEnvListVariables.end(), name) != kEnvListVariables.end();
}

// " (did you mean LD_LIBRARY_PATH?)" for a name close to a known list variable, else "".
std::string did_you_mean(std::string_view name) {
  std::string upper(name);
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  std::string_view best;
  std::size_t best_distance = 3;  // more than two edits away is not a typo
  for (std::string_view known : kEnvListVariables) {
    std::size_t d = edit_distance(upper, known);
    if (d < best_distance) best_distance = d, best = known;
  }
  return best.empty() ? "" : "; did you mean " + std::string(best) + "?";
}

// Variables a package must never set for its users' whole shell.
bool protected_variable(std::string_view name) {
  static const std::set<std::string_view> names = {"HOME", "USER", "LOGNAME", "SHELL", "PWD", "IFS", "LD_PRELOAD",
                                                   "LD_AUDIT", "ENV", "BASH_ENV"};
  return names.count(name) > 0;
}

// "{prefix}", "{prefix}/…" or an absolute directory; one list entry, so no ':' and no "..".
void check_env_dir(const Reader& r, const toml::node* at, const std::string& variable, const std::string& dir) {
  auto bad = [&](const std::string& why) { r.fail(at, "[env] " + variable + ": " + why); };
  if (dir.empty()) bad("an empty entry would mean the current directory; remove it");
  bool in_package = dir == "{prefix}" || dir.starts_with("{prefix}/");
  if (!in_package && !dir.starts_with("/"))
    bad("'" + dir + "' is relative; write \"{prefix}/" + dir + "\" (inside the package) or an absolute directory");
  std::string rest = in_package ? dir.substr(8) : dir;
  if (rest.find('{') != std::string::npos || rest.find('}') != std::string::npos)
    bad("'" + dir + "': only {prefix} may be used, at the start");
  if (dir.find(':') != std::string::npos) bad("'" + dir + "' contains ':', which separates entries");
  for (const std::string& part : split(rest, '/'))
    if (part == "..") bad("'" + dir + "' contains '..'");
}

std::string variable_name(const Reader& r, const toml::node* at, std::string_view key) {
  if (!valid_variable_name(key)) r.fail(at, "[env] '" + std::string(key) + "' is not a variable name");
  return std::string(key);
}

// [env.source]: sh and fish, each one file "{prefix}/…" or absolute, read by every shell that
// sources the environment, so nothing a shell would expand and no "..".
void load_env_source(const Reader& r, const toml::table& env, Recipe& recipe) {
  const toml::table* source = r.table(env, "source", false, &env);
  if (!source) return;
  r.only_keys(*source, {"sh", "fish"}, "env.source");
  for (auto& [key, node] : *source) {
    const std::string shell(key.str());
    auto bad = [&](const std::string& why) { r.fail(&node, "[env.source] " + shell + ": " + why); };
    if (!node.is_string()) bad("must be a string: the script to source");
    std::string file(*node.value<std::string_view>());
    if (file.empty()) bad("is empty; remove it instead");
    bool in_package = file.starts_with("{prefix}/");
    if (!in_package && !file.starts_with("/"))
      bad("'" + file + "' must be \"{prefix}/…\" (a file of the package) or an absolute path");
    std::string rest = in_package ? file.substr(8) : file;
    if (rest.find('{') != std::string::npos || rest.find('}') != std::string::npos)
      bad("'" + file + "': only {prefix} may be used, at the start");
    if (std::any_of(file.begin(), file.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20; }))
      bad("contains a control character");
    for (const std::string& part : split(rest, '/'))
      if (part == "..") bad("'" + file + "' contains '..'");
    recipe.env.source[shell] = file;
  }
}

void load_env(const Reader& r, const toml::table& root, Recipe& recipe) {
  const toml::table* env = r.table(root, "env", false, &root);
  if (!env) return;
  std::set<std::string> allowed;
  for (const std::string& name : r.strings(*env, "allow")) {
    const toml::node* at = env->get("allow");
    variable_name(r, at, name);
    if (is_list_variable(name)) r.fail(at, "[env] allow: " + name + " is a known list variable and needs no allow");
    if (!allowed.insert(name).second) r.fail(at, "[env] allow lists " + name + " twice");
  }
  std::set<std::string> used;
  for (auto& [key, node] : *env) {
    if (key == "allow" || key == "set" || key == "source") continue;
    std::string name = variable_name(r, &node, key.str());
    const toml::array* arr = node.as_array();
    if (!arr)
      r.fail(&node, "[env] " + name + " must be a list of directories; a variable with one value goes in [env.set]");
    if (!is_list_variable(name)) {
      if (!allowed.count(name))
        r.fail(&node, "[env] " + name + ": unknown variable" + did_you_mean(name) +
                          " (a list variable not known to userpkg needs allow = [\"" + name + "\"])");
      used.insert(name);
    }
    std::vector<std::string>& dirs = recipe.env.lists[name];
    for (auto& item : *arr) {
      if (!item.is_string()) r.fail(&item, "[env] " + name + " entries must be strings");
      std::string dir(*item.value<std::string_view>());
      check_env_dir(r, &item, name, dir);
      if (std::find(dirs.begin(), dirs.end(), dir) != dirs.end())
        r.fail(&item, "[env] " + name + " lists '" + dir + "' twice");
      dirs.push_back(dir);
    }
  }
  if (const toml::table* set = r.table(*env, "set", false, env)) {
    for (auto& [key, node] : *set) {
      std::string name = variable_name(r, &node, key.str());
      if (is_list_variable(name))
        r.fail(&node, "[env.set] " + name + " is a list variable: declare it as [env] " + name + " = [\"…\"]");
      if (protected_variable(name)) r.fail(&node, "[env.set] " + name + " must not be set by a package");
      if (!allowed.count(name))
        r.fail(&node, "[env.set] " + name + ": unknown variable" + did_you_mean(name) +
                          " (if it is meant, add allow = [\"" + name + "\"] to [env])");
      if (!node.is_string()) r.fail(&node, "[env.set] " + name + " must be a string");
      std::string value(*node.value<std::string_view>());
      if (value.empty()) r.fail(&node, "[env.set] " + name + " is empty; remove it instead");
      if (std::any_of(value.begin(), value.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20; }))
        r.fail(&node, "[env.set] " + name + " contains a control character");
      std::string rest = replace_all(value, "{prefix}", "");
      if (rest.find('{') != std::string::npos || rest.find('}') != std::string::npos)
        r.fail(&node, "[env.set] " + name + ": only {prefix} may be used in a value");
      used.insert(name);
      recipe.env.set[name] = value;
    }
  }
  load_env_source(r, *env, recipe);
  for (const std::string& name : allowed)
    if (!used.count(name)) r.fail(env->get("allow"), "[env] allow lists " + name + ", which [env] does not use");
}

}  // namespace

std::string expand_version(const std::string& templ, const std::string& version) {
  return replace_all(templ, "{version}", version);
}

Recipe load_recipe(std::string_view toml_text, const std::string& origin, const std::string& expected_name) {
  Reader r(origin);
  check_toml_input(toml_text, origin, kRecipeLimits, "fix the recipe, or remove it");
  toml::table root;
  try {
    root = toml::parse(toml_text, origin);
  } catch (const toml::parse_error& e) {
    throw Error(origin + ":" + std::to_string(e.source().begin.line) + ": " + std::string(e.description()),
                "the recipe is not valid TOML", "fix the recipe's syntax");
  }
  r.only_keys(root, {"name", "summary", "homepage", "source", "versions", "depends", "system", "build", "patches",
                     "test", "env", "redist"},
              "");
  Recipe recipe;
  recipe.origin = origin;
  recipe.name = r.string(root, "name", true, &root);
  if (!valid_name(recipe.name)) r.fail(root.get("name"), "'" + recipe.name + "' is not a valid recipe name");
  if (!expected_name.empty() && recipe.name != expected_name)
    r.fail(root.get("name"), "name '" + recipe.name + "' does not match the file name '" + expected_name + ".toml'");
  recipe.summary = r.string(root, "summary", true, &root);
  recipe.homepage = r.string(root, "homepage", false, &root);
  load_build(r, root, recipe);  // first: the build system decides what [source] and [versions] need
  load_redist(r, root, recipe);
  load_source(r, root, recipe);
  load_versions(r, root, recipe);
  load_depends(r, root, recipe);
  load_system(r, root, recipe);
  load_patches(r, root, recipe);
  if (const toml::table* test = r.table(root, "test", false, &root)) {
    r.only_keys(*test, {"commands"}, "test");
    recipe.test_commands = r.strings(*test, "commands");
  }
  load_env(r, root, recipe);
  return recipe;
}

}  // namespace userpkg
