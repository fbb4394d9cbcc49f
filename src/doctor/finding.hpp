#pragma once
// What every doctor check yields: findings, each with a severity, what was seen, and a concrete fix.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace userpkg {

enum class Severity { ok, note, warning, error };
std::string severity_name(Severity severity);  // "ok", "note", "warning", "error"

struct Finding {
  std::string id;  // stable, dotted: "path.prefix-missing", "libraries.version-missing", …
  Severity severity = Severity::ok;
  std::string title;   // one line
  std::string detail;  // may span lines
  std::string fix;     // a command to run or an edit to make; empty when nothing needs doing
};

// Findings grouped by check family, in the order the checks ran.
struct CheckResult {
  std::string family;  // "path", "libraries", …
  std::vector<Finding> findings;
};

struct Report {
  std::vector<CheckResult> checks;
  bool has_errors() const;
  Severity worst() const;
};

// {"checks":[{"family":…,"findings":[{"id","severity","title","detail","fix"}]}],
//  "summary":{"ok":n,"note":n,"warning":n,"error":n}}
nlohmann::json report_to_json(const Report& report);

// Shortens a list for a one-line message: "a, b, c and 4 more".
std::string list_some(const std::vector<std::string>& items, std::size_t shown = 5);

}  // namespace userpkg
