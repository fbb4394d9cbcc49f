#include "core/plan.hpp"

#include <functional>

#include "util/error.hpp"
#include "util/strings.hpp"

namespace userpkg {

const SourceFile& PlannedPackage::source() const {
  if (source_kind.empty()) return version->primary;
  return version->kinds.at(source_kind);
}

bool PlannedPackage::regenerate() const {
  if (source_kind.empty()) return false;
  auto it = recipe->kinds.find(source_kind);
  return it != recipe->kinds.end() && it->second.regenerate;
}

const PlannedPackage* Plan::find(const std::string& name) const {
  for (auto& p : packages)
    if (p.name() == name) return &p;
  return nullptr;
}

std::vector<const PlannedPackage*> Plan::link_closure(const PlannedPackage& root) const {
  std::vector<const PlannedPackage*> out;
  std::set<std::string> seen;
  std::function<void(const PlannedPackage&)> visit = [&](const PlannedPackage& p) {
    for (auto& dep : p.depends) {
      if (!seen.insert(dep).second) continue;
      const PlannedPackage* d = find(dep);
      if (!d) continue;
      // A system library's own dependencies are the system's business.
      if (d->action != Action::System) visit(*d);
      out.push_back(d);
    }
  };
  visit(root);
  return out;
}

BuildDeps BuildDeps::parse(const std::string& text) {
  BuildDeps b;
  if (text.empty() || text == "missing") return b;
  if (text == "always") {
    b.policy = BuildDepsPolicy::Always;
    return b;
  }
  if (text == "never") {
    b.policy = BuildDepsPolicy::Never;
    return b;
  }
  for (auto& name : split(text, ',', true)) {
    if (name == "missing" || name == "always" || name == "never")
      throw Error("--build-deps=" + text + " mixes a policy with recipe names", "",
                  "use one of missing, always, never, or a list of recipe names such as openssl,readline");
    b.from_source.insert(std::string(trim(name)));
  }
  return b;
}

}  // namespace userpkg

namespace userpkg {

std::vector<std::string> describe_plan(const Plan& plan) {
  std::vector<std::string> lines;
  for (auto& p : plan.packages) {
    std::string action = p.action == Action::Build ? "build " : p.action == Action::Reuse ? "reuse " : "system";
    std::string version = p.action == Action::System ? (p.system_version ? p.system_version->str() : "?")
                                                     : p.version->version.str();
    std::string line = "  " + action + "  " + p.name() + " " + version;
    if (line.size() < 34) line.resize(34, ' ');
    std::vector<std::string> notes;
    if (p.action == Action::Build) notes.push_back(p.source().file_name);
    if (p.tool) notes.push_back("build tool");
    if (!p.reason.empty() && p.action != Action::Reuse) notes.push_back(p.reason);
    if (p.action == Action::Reuse) notes.push_back("already installed");
    lines.push_back(line + " " + join(notes, "; "));
  }
  return lines;
}

}  // namespace userpkg
