#include "core/spec.hpp"

#include <algorithm>

#include "util/error.hpp"

namespace userpkg {

Spec parse_spec(const std::string& text) {
  Spec spec;
  spec.text = text;
  auto at = text.find('@');
  spec.name = text.substr(0, at);
  bool name_ok = !spec.name.empty() && std::all_of(spec.name.begin(), spec.name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '+' || c == '-';
  });
  if (!name_ok)
    throw Error("'" + text + "' is not a package spec", "a spec is a recipe name, optionally @version",
                "write e.g. python, python@3.11, python@3.11.2 or python@3.9:3.11");
  if (at != std::string::npos) {
    std::string range = text.substr(at + 1);
    if (range.empty())
      throw Error("'" + text + "' has an empty version after '@'", "", "write e.g. " + spec.name + "@3.11");
    spec.constraint = VersionConstraint::parse(range);
  }
  return spec;
}

std::vector<Spec> parse_specs(const std::vector<std::string>& words) {
  std::vector<Spec> specs;
  for (const std::string& word : words) {
    if (!word.empty() && (word.front() == '+' || word.front() == '~')) {
      if (specs.empty())
        throw Error("'" + word + "' is an option, but no package comes before it",
                    "options such as +nvcc belong to the package named before them", "write e.g. cuda@12.1 " + word);
      Spec& owner = specs.back();
      owner.options += (owner.options.empty() ? "" : " ") + word;
      continue;
    }
    specs.push_back(parse_spec(word));
  }
  return specs;
}

}  // namespace userpkg
