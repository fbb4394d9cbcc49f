#include "build/template.hpp"

#include <algorithm>
#include <cctype>

#include "util/error.hpp"

namespace userpkg {
namespace {

bool is_name(const std::string& name) {
  return !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.' || c == '-' || c == '+';
  });
}

}  // namespace

std::string expand_template(const std::string& text, const TemplateVars& vars) {
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    auto open = text.find('{', i);
    if (open == std::string::npos) break;
    auto close = text.find('}', open + 1);
    if (close == std::string::npos) break;
    out.append(text, i, open - i);
    std::string name = text.substr(open + 1, close - open - 1);
    bool after_dollar = open > 0 && text[open - 1] == '$';
    auto it = vars.find(name);
    if (!after_dollar && is_name(name) && it != vars.end()) {
      out += it->second;
      i = close + 1;
      continue;
    }
    if (!after_dollar && name.rfind("dep.", 0) == 0 && is_name(name)) {
      std::string dep = name.substr(4);
      throw Error("cannot fill in {" + name + "} in '" + text + "'",
                  dep + " is not built into the prefix for this build (it comes from the system, or is not a dependency)",
                  "make the setting conditional on it, e.g. [[build.when]] if = \"" + dep + ":built\"");
    }
    out += '{';  // not ours: keep it, and look for placeholders right after it
    i = open + 1;
  }
  out.append(text, i, std::string::npos);
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
