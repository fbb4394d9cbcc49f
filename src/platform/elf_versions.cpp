#include "platform/elf_versions.hpp"

#include <algorithm>
#include <cctype>

namespace userpkg {
namespace {

// "GLIBCXX_3.4.30" -> position of the '_' before "3.4.30"; npos if none.
std::size_t number_start(const std::string& name) {
  for (std::size_t i = name.size(); i-- > 0;)
    if (name[i] == '_' && i + 1 < name.size() && std::isdigit(static_cast<unsigned char>(name[i + 1]))) return i;
  return std::string::npos;
}

std::vector<unsigned long> numbers_of(const std::string& name) {
  std::vector<unsigned long> out;
  std::size_t at = number_start(name);
  if (at == std::string::npos) return out;
  unsigned long current = 0;
  bool any = false;
  for (std::size_t i = at + 1; i < name.size(); ++i) {
    char c = name[i];
    if (std::isdigit(static_cast<unsigned char>(c))) {
      current = current * 10 + static_cast<unsigned long>(c - '0');
      any = true;
    } else {
      if (any) out.push_back(current);
      current = 0;
      any = false;
      if (c != '.') break;
    }
  }
  if (any) out.push_back(current);
  return out;
}

}  // namespace

std::vector<std::string> missing_versions(const std::vector<std::string>& needed, const std::vector<std::string>& defined) {
  std::vector<std::string> out;
  for (const auto& v : needed)
    if (std::find(defined.begin(), defined.end(), v) == defined.end()) out.push_back(v);
  return out;
}

std::string version_family(const std::string& name) {
  std::size_t at = number_start(name);
  return at == std::string::npos ? std::string() : name.substr(0, at);
}

bool version_name_less(const std::string& a, const std::string& b) { return numbers_of(a) < numbers_of(b); }

std::optional<std::string> newest_in_family(const std::vector<std::string>& defined, const std::string& family) {
  std::optional<std::string> best;
  for (const auto& v : defined)
    if (version_family(v) == family && (!best || version_name_less(*best, v))) best = v;
  return best;
}

}  // namespace userpkg
