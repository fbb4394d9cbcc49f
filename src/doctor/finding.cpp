#include "doctor/finding.hpp"

namespace userpkg {

std::string severity_name(Severity severity) {
  switch (severity) {
    case Severity::ok: return "ok";
    case Severity::note: return "note";
    case Severity::warning: return "warning";
    case Severity::error: return "error";
  }
  return "?";
}

bool Report::has_errors() const { return worst() == Severity::error; }

Severity Report::worst() const {
  Severity worst = Severity::ok;
  for (const auto& check : checks)
    for (const auto& f : check.findings)
      if (f.severity > worst) worst = f.severity;
  return worst;
}

nlohmann::json report_to_json(const Report& report) {
  nlohmann::json checks = nlohmann::json::array();
  nlohmann::json summary = {{"ok", 0}, {"note", 0}, {"warning", 0}, {"error", 0}};
  for (const auto& check : report.checks) {
    nlohmann::json findings = nlohmann::json::array();
    for (const auto& f : check.findings) {
      findings.push_back({{"id", f.id},
                          {"severity", severity_name(f.severity)},
                          {"title", f.title},
                          {"detail", f.detail},
                          {"fix", f.fix}});
      summary[severity_name(f.severity)] = summary[severity_name(f.severity)].get<int>() + 1;
    }
    checks.push_back({{"family", check.family}, {"findings", findings}});
  }
  return {{"checks", checks}, {"summary", summary}, {"worst", severity_name(report.worst())}};
}

std::string list_some(const std::vector<std::string>& items, std::size_t shown) {
  std::string out;
  for (std::size_t i = 0; i < items.size() && i < shown; ++i) out += (i ? ", " : "") + items[i];
  if (items.size() > shown) out += " and " + std::to_string(items.size() - shown) + " more";
  return out;
}

}  // namespace userpkg
