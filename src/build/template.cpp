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

// Where a POSIX shell is in a command: outside quotes, inside '…' or "…", or in the body of a
// here-document (whose quotes are text; `expanding` when its delimiter was not quoted).
enum class Quoting { bare, single, double_, heredoc, heredoc_expanding };

bool word_start(std::string_view s, std::size_t i) {
  return i == 0 || std::string_view(" \t\n;&|()<>").find(s[i - 1]) != std::string_view::npos;
}

// The quoting at the end of `s` (the command up to a placeholder, values already filled in).
Quoting quoting_at(std::string_view s) {
  struct Heredoc {
    std::string delimiter;
    bool strip_tabs, quoted;
  };
  std::vector<Heredoc> pending;  // opened by << on the current line; their bodies start at its end
  Quoting q = Quoting::bare;
  for (std::size_t i = 0; i < s.size();) {
    const char c = s[i];
    if (q == Quoting::single) {
      if (c == '\'') q = Quoting::bare;
      ++i;
    } else if (c == '\\') {
      i += 2;
    } else if (q == Quoting::double_) {
      if (c == '"') q = Quoting::bare;
      ++i;
    } else if (c == '\'' || c == '"') {
      q = c == '"' ? Quoting::double_ : Quoting::single;
      ++i;
    } else if (c == '#' && word_start(s, i)) {  // a comment: its quotes are text
      i = std::min(s.find('\n', i), s.size());
    } else if (s.substr(i, 2) == "<<" && s.substr(i, 3) != "<<<") {
      Heredoc h{"", i + 2 < s.size() && s[i + 2] == '-', false};
      for (i += h.strip_tabs ? 3 : 2; i < s.size() && (s[i] == ' ' || s[i] == '\t');) ++i;
      for (; i < s.size() && std::string_view(" \t\n;&|()<>").find(s[i]) == std::string_view::npos; ++i) {
        if (s[i] == '\'' || s[i] == '"' || s[i] == '\\') h.quoted = true;
        else h.delimiter += s[i];
      }
      pending.push_back(std::move(h));
    } else if (c == '\n' && !pending.empty()) {
      ++i;
      for (const Heredoc& h : pending) {  // each body in turn, up to its delimiter line
        for (;;) {
          const std::size_t end = s.find('\n', i);
          if (end == std::string_view::npos) return h.quoted ? Quoting::heredoc : Quoting::heredoc_expanding;
          std::string_view line = s.substr(i, end - i);
          while (h.strip_tabs && line.starts_with('\t')) line.remove_prefix(1);
          i = end + 1;
          if (line == h.delimiter) break;
        }
      }
      pending.clear();
    } else {
      ++i;
    }
  }
  return q;
}

std::string single_quoted(const std::string& value) {
  std::string out = "'";
  for (char c : value) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

// `value` as literal text at the point `state` describes.
std::string quoted_for(Quoting quoting, const std::string& value) {
  switch (quoting) {
    case Quoting::bare:
      return value.empty() ? value : single_quoted(value);
    case Quoting::single:  // close the quote, add the value quoted, reopen
      return "'" + single_quoted(value) + "'";
    case Quoting::heredoc:  // the body is taken as it stands
      return value;
    case Quoting::double_:
    case Quoting::heredoc_expanding: {
      std::string out;
      for (char c : value) {
        if (c == '\\' || c == '$' || c == '`' || (c == '"' && quoting == Quoting::double_)) out += '\\';
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
  std::string done;  // the command so far, values filled in: what the shell will have read
  return expand(command, vars, [&done](std::string_view literal, const std::optional<std::string>& value) {
    std::string out(literal);
    if (value) out += quoted_for(quoting_at(done + out), *value);
    done += out;
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
