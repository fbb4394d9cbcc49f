#include "core/condition.hpp"

#include <algorithm>
#include <cctype>

#include "util/error.hpp"
#include "util/strings.hpp"

namespace userpkg {
namespace {

const char* const kSyntaxHint =
    "terms are @RANGE (own version), DEP@RANGE, DEP:built or DEP:system, separated by spaces; "
    "e.g. \"@3.8 openssl:system\"";

Error bad_term(const std::string& condition, const std::string& term, const std::string& why) {
  return Error("bad condition '" + condition + "': term '" + term + "'", why, kSyntaxHint);
}

bool is_dep_name(const std::string& name) {
  if (name.empty()) return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.' || c == '+';
  });
}

ConditionTerm parse_term(const std::string& condition, const std::string& term) {
  ConditionTerm out;
  auto at = term.find('@');
  if (at != std::string::npos) {
    out.dep = term.substr(0, at);
    std::string range = term.substr(at + 1);
    if (!out.dep.empty() && !is_dep_name(out.dep))
      throw bad_term(condition, term, "'" + out.dep + "' is not a package name");
    if (range.empty()) throw bad_term(condition, term, "the version range after '@' is empty");
    try {
      out.range = VersionConstraint::parse(range);
    } catch (const Error& e) {
      throw bad_term(condition, term, e.what() + (e.why().empty() ? "" : " (" + e.why() + ")"));
    }
    out.kind = out.dep.empty() ? ConditionTerm::Kind::own_version : ConditionTerm::Kind::dep_version;
    return out;
  }
  auto colon = term.find(':');
  if (colon == std::string::npos) throw bad_term(condition, term, "it has neither '@' nor ':'");
  out.dep = term.substr(0, colon);
  std::string how = term.substr(colon + 1);
  if (!is_dep_name(out.dep)) throw bad_term(condition, term, "'" + out.dep + "' is not a package name");
  if (how == "built")
    out.kind = ConditionTerm::Kind::dep_built;
  else if (how == "system")
    out.kind = ConditionTerm::Kind::dep_system;
  else
    throw bad_term(condition, term, "'" + how + "' is neither 'built' nor 'system'");
  return out;
}

const DepState* find_dep(const std::vector<DepState>& deps, const std::string& name) {
  for (auto& d : deps)
    if (d.name == name) return &d;
  return nullptr;
}

}  // namespace

std::vector<ConditionTerm> parse_condition(const std::string& condition) {
  std::vector<ConditionTerm> terms;
  std::string spaced = condition;
  for (auto& c : spaced)
    if (c == '\t' || c == '\n' || c == '\r') c = ' ';
  for (auto& term : split(spaced, ' ', true)) terms.push_back(parse_term(condition, term));
  return terms;
}

void validate_condition(const std::string& condition) { (void)parse_condition(condition); }

bool term_holds(const ConditionTerm& term, const Version& own, const std::vector<DepState>& deps) {
  if (term.kind == ConditionTerm::Kind::own_version) return term.range.matches(own);
  const DepState* dep = find_dep(deps, term.dep);
  if (!dep) return false;
  switch (term.kind) {
    case ConditionTerm::Kind::dep_built:
      return !dep->from_system;
    case ConditionTerm::Kind::dep_system:
      return dep->from_system;
    case ConditionTerm::Kind::dep_version:
      // An unknown version matches no range, not even "1:" (it could be anything).
      if (dep->version.str().empty()) return term.range.is_any();
      return term.range.matches(dep->version);
    case ConditionTerm::Kind::own_version:
      break;
  }
  return false;
}

bool condition_holds(const std::string& condition, const Version& own, const std::vector<DepState>& deps) {
  for (auto& term : parse_condition(condition))
    if (!term_holds(term, own, deps)) return false;
  return true;
}

}  // namespace userpkg
