#include "torch/dependency_hashes.hpp"

#include "util/error.hpp"
#include "util/strings.hpp"
#include "wheel/simple_index.hpp"
#include "wheel/wheel_name.hpp"

namespace userpkg {

std::optional<std::string> dependency_index(const StackSettings& stack, bool offline, std::string_view variant) {
  if (offline || !stack.wheelhouses.empty()) return std::nullopt;
  std::string index = stack.index_url.empty() ? stack.torch_index : stack.index_url;
  while (!index.empty() && index.back() == '/') index.pop_back();
  if (stack.index_url.empty()) index += "/" + std::string(variant);
  return index;
}

std::vector<DependencyRef> pip_installed(std::string_view pip_output) {
  constexpr std::string_view marker = "Successfully installed ";
  std::vector<DependencyRef> out;
  for (const std::string& line : split(std::string(pip_output), '\n', true)) {
    auto at = line.find(marker);
    if (at == std::string::npos) continue;
    for (const std::string& word : split(line.substr(at + marker.size()), ' ', true)) {
      auto dash = word.rfind('-');
      if (dash == std::string::npos || dash == 0 || dash + 1 >= word.size()) continue;
      out.push_back({word.substr(0, dash), word.substr(dash + 1), ""});
    }
  }
  return out;
}

HashCheck check_dependency_hashes(const std::vector<DependencyRef>& dependencies, const std::string& index,
                                  const IndexPageSource& pages) {
  HashCheck check;
  for (const DependencyRef& dep : dependencies) {
    const std::string project = normalize_project_name(dep.project);
    const std::string label = dep.file_name.empty() ? dep.project + " " + dep.version : dep.file_name;
    std::vector<IndexFile> files;
    try {
      const std::string url = index + "/" + project + "/";
      IndexPage page = pages(url);
      files = parse_simple_index(page.body, page.content_type, page.url);
    } catch (const Error& e) {
      check.unchecked.push_back(label + ": " + e.what());
      continue;
    }
    bool found = false, hashed = false;
    for (const IndexFile& f : files) {
      bool same = false;
      if (!dep.file_name.empty()) {
        same = f.file_name == dep.file_name;
      } else if (auto name = try_parse_wheel_name(f.file_name)) {
        same = name->distribution == project && name->version_text == dep.version;
      }
      if (!same) continue;
      found = true;
      hashed = hashed || !f.sha256.empty();
      if (!dep.file_name.empty()) break;
    }
    if (!found) check.unchecked.push_back(label + ": not on " + index + "/" + project + "/");
    else if (!hashed) check.unverified.push_back(label);
  }
  return check;
}

}  // namespace userpkg
