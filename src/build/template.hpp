#pragma once
// Filling {placeholders} into recipe arguments, environment values and test commands (pure).
//   {version} {prefix} {destdir} {jobs} {dep.NAME} (the prefix of a dependency built into the prefix).
// Unknown names other than dep.* are left as they are, and so is anything after '$': recipe text
// is full of braces that are not ours (shell "${prefix}" for configure, Python dicts in tests).
#include <map>
#include <string>
#include <vector>

#include "build/build_request.hpp"

namespace userpkg {

using TemplateVars = std::map<std::string, std::string>;

// Throws Error for {dep.NAME} when NAME is not in vars (not built into the prefix).
std::string expand_template(const std::string& text, const TemplateVars& vars);
std::vector<std::string> expand_templates(const std::vector<std::string>& texts, const TemplateVars& vars);

// For a command that /bin/sh -c runs ([test] commands, post_install): each value is quoted for the
// quoting context its placeholder sits in (bare, '…' or "…"), so that it reaches the command as one
// literal piece of text: a space, quote, `$(…)` or backtick in a value is never shell syntax.
std::string expand_shell_template(const std::string& command, const TemplateVars& vars);
std::vector<std::string> expand_shell_templates(const std::vector<std::string>& commands, const TemplateVars& vars);

// The variables of one build; destdir empty for post-install tests (the package is in place).
TemplateVars build_template_vars(const BuildRequest& req, int jobs, bool with_destdir = true);

}  // namespace userpkg
