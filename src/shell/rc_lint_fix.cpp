#include "shell/rc_lint_fix.hpp"

#include <algorithm>

#include "shell/rc_lint_scan.hpp"

namespace userpkg {

bool breaks_shell(const RcFinding& finding) { return finding.severity == RcSeverity::breaks; }

namespace {

// Removes the CR before each '\n' (and a CR that ends the text); returns how many went.
std::size_t strip_line_end_crs(std::string& text) {
  std::vector<std::string> lines = split_lines_exact(text);
  std::size_t count = 0;
  for (std::string& line : lines)
    if (!line.empty() && line.back() == '\r') {
      line.pop_back();
      ++count;
    }
  if (count) {
    std::string out;
    for (std::size_t i = 0; i < lines.size(); ++i) out += (i ? "\n" : "") + lines[i];
    text = std::move(out);
  }
  return count;
}

}  // namespace

RcFixResult fix_rc(const std::string& text, RcSyntax syntax, const RcLintEnv& env) {
  RcFixResult result;
  result.content = text;
  result.crlf_lines_converted = strip_line_end_crs(result.content);
  std::vector<std::string> original = split_lines_exact(result.content);
  // Each round comments out at least one more line, so this ends; the bound is a safety net.
  for (std::size_t round = 0; round <= original.size(); ++round) {
    auto findings = lint_rc(result.content, syntax, env);
    auto next = std::find_if(findings.begin(), findings.end(),
                             [](const RcFinding& f) { return breaks_shell(f) && f.fixable && f.first_line > 0; });
    if (next == findings.end()) break;
    std::vector<std::string> lines = split_lines_exact(result.content);
    for (std::size_t n = next->first_line; n <= next->last_line && n <= lines.size(); ++n) {
      std::string& line = lines[n - 1];
      std::string prefix = rescue_comment_prefix;
      if (n == next->first_line && next->keep_body) prefix = ": " + prefix;
      line = prefix + line;
    }
    std::string joined;
    for (std::size_t i = 0; i < lines.size(); ++i) joined += (i ? "\n" : "") + lines[i];
    result.content = std::move(joined);
  }
  std::vector<std::string> now = split_lines_exact(result.content);
  for (std::size_t i = 0; i < now.size() && i < original.size(); ++i)
    if (now[i] != original[i]) result.commented.push_back(RcLineChange{i + 1, original[i], now[i]});
  result.remaining = lint_rc(result.content, syntax, env);
  return result;
}

}  // namespace userpkg
