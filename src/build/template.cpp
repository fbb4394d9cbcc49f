#include "build/template.hpp"

#include <algorithm>
#include <cctype>
#include <optional>
#include <string_view>

#include "util/error.hpp"

namespace userpkg {
namespace {

bool is_name(const std::string& name) {
  return !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.' || c == '-' || c == '+';
  });
}

// Where a POSIX shell is in a command: outside quotes, inside '…', or inside "…".
enum class Quoting { bare, single, double_ };

struct ShellState {
  Quoting quoting = Quoting::bare;
  bool escaped = false;  // the last character was a backslash that quotes the next one

  void read(std::string_view literal) {
    for (char c : literal) {
      if (escaped) {
        escaped = false;
      } else if (quoting == Quoting::single) {
        if (c == '\'') quoting = Quoting::bare;
      } else if (c == '\\') {
        escaped = true;
      } else if (quoting == Quoting::bare) {
        if (c == '\'') quoting = Quoting::single;
        if (c == '"') quoting = Quoting::double_;
      } else if (c == '"') {
        quoting = Quoting::bare;
      }
    }
  }
};

std::string single_quoted(const std::string& value) {
  std::string out = "'";
  for (char c : value) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

// `value` as literal text at the point `state` describes.
std::string quoted_for(const ShellState& state, const std::string& value) {
  switch (state.quoting) {
    case Quoting::bare:
      return value.empty() ? value : single_quoted(value);
    case Quoting::single:  // close the quote, add the value quoted, reopen
      return "'" + single_quoted(value) + "'";
    case Quoting::double_: {
      std::string out;
      for (char c : value) {
        if (c == '\\' || c == '"' || c == '$' || c == '`') out += '\\';
        out += c;
      }
      return out;
    }
  }
  return value;
}

// Fills in placeholders; `fill` turns a value into the text that replaces its placeholder and sees
// the literal text before it (for the shell's quoting state).
template <typename Fill>
std::string expand(const std::string& text, const TemplateVars& vars, Fill&& fill) {
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    auto open = text.find('{', i);
    if (open == std::string::npos) break;
    auto close = text.find('}', open + 1);
    if (close == std::string::npos) break;
    std::string name = text.substr(open + 1, close - open - 1);
    bool after_dollar = open > 0 && text[open - 1] == '$';
    auto it = vars.find(name);
    if (!after_dollar && is_name(name) && it != vars.end()) {
      out += fill(std::string_view(text).substr(i, open - i), it->second);
      i = close + 1;
      continue;
    }
    if (!after_dollar && name.rfind("dep.", 0) == 0 && is_name(name)) {
      std::string dep = name.substr(4);
      throw Error("cannot fill in {" + name + "} in '" + text + "'",
                  dep + " is not built into the prefix for this build (it comes from the system, or is not a dependency)",
                  "make the setting conditional on it, e.g. [[build.when]] if = \"" + dep + ":built\"");
    }
    // Not ours: keep the brace, and look for placeholders right after it.
    out += fill(std::string_view(text).substr(i, open + 1 - i), std::nullopt);
    i = open + 1;
  }
  out += fill(std::string_view(text).substr(i), std::nullopt);
  return out;
}

}  // namespace

std::string expand_template(const std::string& text, const TemplateVars& vars) {
  return expand(text, vars, [](std::string_view literal, const std::optional<std::string>& value) {
    return std::string(literal) + value.value_or("");
  });
}

std::string expand_shell_template(const std::string& command, const TemplateVars& vars) {
  ShellState state;
  return expand(command, vars, [&state](std::string_view literal, const std::optional<std::string>& value) {
    state.read(literal);
    std::string out(literal);
    if (value) {
      out += quoted_for(state, *value);
      state.escaped = false;
    }
    return out;
  });
}

std::vector<std::string> expand_shell_templates(const std::vector<std::string>& commands, const TemplateVars& vars) {
  std::vector<std::string> out;
  out.reserve(commands.size());
  for (auto& c : commands) out.push_back(expand_shell_template(c, vars));
  return out;
}

std::vector<std::string> expand_templates(const std::vector<std::string>& texts, const TemplateVars& vars) {
  std::vector<std::string> out;
  out.reserve(texts.size());
  for (auto& t : texts) out.push_back(expand_template(t, vars));
  return out;
}

TemplateVars build_template_vars(const BuildRequest& req, int jobs, bool with_destdir) {
  TemplateVars vars;
  if (req.version) vars["version"] = req.version->version.str();
  vars["prefix"] = req.install_prefix.string();
  vars["destdir"] = with_destdir ? req.destdir.string() : std::string();
  vars["jobs"] = std::to_string(jobs);
  for (auto& dep : req.deps)
    if (!dep.from_system && !dep.prefix.empty()) vars["dep." + dep.name] = dep.prefix.string();
  return vars;
}

}  // namespace userpkg
