#include "ops/modules.hpp"

#include <set>
#include <system_error>

#include "prefix/installed.hpp"
#include "prefix/json_file.hpp"
#include "shell/modulefile.hpp"
#include "util/error.hpp"
#include "util/fs.hpp"

namespace userpkg {

namespace {

fs::path settings_path(const PrefixLayout& layout) { return layout.config_dir() / "modules.json"; }

// The package's recorded environment (its recipe's [env], resolved at install time); records
// older than that get the standard directories. Unlike a shell profile, a module may set
// LD_LIBRARY_PATH: loading it is the user's explicit choice, as with the cluster's own modules.
ModuleSpec module_spec(const InstalledPackage& p) {
  ModuleSpec spec{p.record.name, p.record.version, p.dir.string(), {}, {}, {}};
  std::error_code ec;
  if (!p.record.env) {
    for (const auto& [subdir, variable] : standard_module_dirs())
      if (fs::is_directory(p.dir / subdir, ec)) spec.prepend.push_back({variable, (p.dir / subdir).string()});
    return spec;
  }
  for (const auto& [variable, dirs] : p.record.env->lists)
    // prepend_path puts each entry first, so the list's first directory is prepended last.
    for (auto dir = dirs.rbegin(); dir != dirs.rend(); ++dir)
      if (fs::is_directory(*dir, ec)) spec.prepend.push_back({variable, *dir});
  for (const auto& [variable, value] : p.record.env->set) spec.set.push_back({variable, value});
  // Only a script that is there: Lmod and Tcl modules would fail to load the module otherwise.
  if (auto script = p.record.env->source.find("sh"); script != p.record.env->source.end())
    if (fs::is_regular_file(script->second, ec)) spec.source_sh.push_back(script->second);
  return spec;
}

// Writes `text` to `path` unless it holds exactly that already.
void put(const fs::path& path, const std::string& text, ModuleRefresh& result) {
  std::error_code ec;
  if (fs::is_regular_file(path, ec)) {
    try {
      if (read_file(path) == text) {
        ++result.unchanged;
        return;
      }
    } catch (const Error&) {
      // Unreadable: write it anew below.
    }
  }
  ensure_dir(path.parent_path());
  write_file_atomic(path, text);
  result.written.push_back(path);
}

bool generated_file(const fs::path& path) {
  try {
    return is_generated_modulefile(read_file(path));
  } catch (const Error&) {
    return false;
  }
}

}  // namespace

std::optional<ModuleSettings> read_module_settings(const PrefixLayout& layout) {
  std::error_code ec;
  if (!fs::is_regular_file(settings_path(layout), ec)) return std::nullopt;
  nlohmann::json j = read_json_file(settings_path(layout), "modules settings file");
  ModuleSettings s;
  if (j.is_object() && (!j.contains("tcl") || j.at("tcl").is_boolean())) {
    s.tcl = j.value("tcl", false);
    return s;
  }
  throw Error("the modules settings file " + settings_path(layout).string() + " is damaged",
              "it is not an object whose \"tcl\" is true or false",
              "remove it and run `userpkg module refresh` (with --tcl for Tcl modulefiles)");
}

ModuleRefresh refresh_modules(const PrefixLayout& layout, const ModuleSettings& settings) {
  auto saved = read_module_settings(layout);
  if (!saved || saved->tcl != settings.tcl) {
    ensure_dir(layout.config_dir());
    write_json_file(settings_path(layout), {{"tcl", settings.tcl}});
  }

  ModuleRefresh result;
  std::set<fs::path> wanted;
  for (const InstalledPackage& p : list_installed(layout)) {
    const ModuleSpec spec = module_spec(p);
    const fs::path base = layout.modules() / p.record.name / p.record.version;
    fs::path lua = base;
    lua += ".lua";
    put(lua, lua_modulefile(spec), result);
    wanted.insert(lua);
    if (settings.tcl) {
      put(base, tcl_modulefile(spec), result);
      wanted.insert(base);
    }
  }

  std::error_code ec;
  for (const fs::path& name_dir : directory_entries(layout.modules())) {
    if (!fs::is_directory(fs::symlink_status(name_dir, ec))) continue;
    for (const fs::path& file : directory_entries(name_dir)) {
      if (wanted.count(file) || !fs::is_regular_file(fs::symlink_status(file, ec)) || !generated_file(file)) continue;
      if (fs::remove(file, ec)) result.removed.push_back(file);
    }
    if (fs::is_empty(name_dir, ec) && !ec) fs::remove(name_dir, ec);
  }
  return result;
}

void refresh_modules_if_enabled(const PrefixLayout& layout, Reporter& reporter) {
  try {
    if (auto settings = read_module_settings(layout)) {
      ModuleRefresh r = refresh_modules(layout, *settings);
      for (const fs::path& p : r.written) reporter.detail("modulefile " + p.string());
      for (const fs::path& p : r.removed) reporter.detail("removed modulefile " + p.string());
    }
  } catch (const Error& e) {
    reporter.warn(std::string("cannot refresh the modulefiles: ") + e.what() + (e.why().empty() ? "" : ": " + e.why()) +
                  "; run `userpkg module refresh` to retry");
  }
}

}  // namespace userpkg
