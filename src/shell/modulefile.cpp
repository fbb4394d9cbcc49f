#include "shell/modulefile.hpp"

#include "util/strings.hpp"

namespace userpkg {

namespace {

// A Lua string literal: "..." with the characters Lua interprets escaped.
std::string lua_quote(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    switch (c) {
      case '\\': out += "\\\\"; break;
      case '"': out += "\\\""; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      default: out += c;
    }
  }
  return out + "\"";
}

// A Tcl word in double quotes: backslash before each character Tcl substitutes or groups on.
std::string tcl_quote(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    if (c == '\\' || c == '"' || c == '$' || c == '[' || c == ']' || c == '{' || c == '}') out += '\\';
    out += c;
  }
  return out + "\"";
}

std::string help_text(const ModuleSpec& s) {
  return s.name + " " + s.version + ", installed by userpkg in " + s.root;
}

}  // namespace

std::vector<std::pair<std::string, std::string>> standard_module_dirs() {
  return {{"bin", "PATH"},
          {"share/man", "MANPATH"},
          {"man", "MANPATH"},
          {"lib/pkgconfig", "PKG_CONFIG_PATH"},
          {"lib64/pkgconfig", "PKG_CONFIG_PATH"},
          {"share/pkgconfig", "PKG_CONFIG_PATH"}};
}

std::string lua_modulefile(const ModuleSpec& s) {
  std::string out;
  out += "-- " + std::string(modulefile_marker) + ": `userpkg module refresh` rewrites or removes this file\n";
  out += "help(" + lua_quote(help_text(s)) + ")\n";
  out += "whatis(" + lua_quote("Name: " + s.name) + ")\n";
  out += "whatis(" + lua_quote("Version: " + s.version) + ")\n";
  out += "whatis(" + lua_quote("Prefix: " + s.root) + ")\n";
  // Two versions of one package never load together (Lmod's one-name rule swaps them anyway).
  out += "conflict(" + lua_quote(s.name) + ")\n";
  for (const auto& [var, dir] : s.prepend) out += "prepend_path(" + lua_quote(var) + ", " + lua_quote(dir) + ")\n";
  for (const auto& [var, value] : s.set) out += "setenv(" + lua_quote(var) + ", " + lua_quote(value) + ")\n";
  for (const std::string& file : s.source_sh) out += "source_sh(\"bash\", " + lua_quote(file) + ")\n";
  return out;
}

std::string tcl_modulefile(const ModuleSpec& s) {
  std::string out = "#%Module1.0\n";
  out += "## " + std::string(modulefile_marker) + ": `userpkg module refresh` rewrites or removes this file\n";
  out += "proc ModulesHelp { } {\n  puts stderr " + tcl_quote(help_text(s)) + "\n}\n";
  out += "module-whatis " + tcl_quote(s.name + " " + s.version) + "\n";
  out += "conflict " + tcl_quote(s.name) + "\n";
  for (const auto& [var, dir] : s.prepend) out += "prepend-path " + tcl_quote(var) + " " + tcl_quote(dir) + "\n";
  for (const auto& [var, value] : s.set) out += "setenv " + tcl_quote(var) + " " + tcl_quote(value) + "\n";
  for (const std::string& file : s.source_sh) out += "source-sh bash " + tcl_quote(file) + "\n";
  return out;
}

bool is_generated_modulefile(std::string_view text) {
  std::size_t start = 0;
  for (int line = 0; line < 3 && start <= text.size(); ++line) {
    std::size_t end = text.find('\n', start);
    std::string_view current = text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
    if ((current.starts_with("-- ") || current.starts_with("## ")) &&
        current.substr(3).starts_with(modulefile_marker))
      return true;
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return false;
}

}  // namespace userpkg
