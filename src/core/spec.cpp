#include "core/spec.hpp"

#include <algorithm>
#include <cctype>

#include "util/error.hpp"

namespace userpkg {

Spec parse_spec(const std::string& text) {
  Spec spec;
  spec.text = text;
  auto at = text.find('@');
  spec.name = text.substr(0, at);
  // "lab/python@3.8": the recipe from the repository named lab only.
  if (auto slash = spec.name.find('/'); slash != std::string::npos) {
    spec.repo = spec.name.substr(0, slash);
    spec.name = spec.name.substr(slash + 1);
    bool repo_ok = !spec.repo.empty() && std::all_of(spec.repo.begin(), spec.repo.end(), [](char c) {
      return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-';
    });
    if (!repo_ok || spec.repo == "." || spec.repo == "..")
      throw Error("'" + text + "' names no valid repository before '/'",
                  "REPO/NAME takes the recipe from one repository; repository names are letters, digits and - _ .",
                  "write e.g. lab/python@3.8 (`userpkg repo list` shows the repositories)");
  }
  bool name_ok = !spec.name.empty() && std::all_of(spec.name.begin(), spec.name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '+' || c == '-';
  });
  if (!name_ok)
    throw Error("'" + text + "' is not a package spec", "a spec is a recipe name, optionally @version, optionally REPO/ before it",
                "write e.g. python, python@3.11, python@3.11.2, python@3.9:3.11 or lab/python@3.8");
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
