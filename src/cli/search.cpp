#include <cstdio>
#include <string>
#include <vector>

#include "cli/commands.hpp"
#include "util/error.hpp"
#include "util/strings.hpp"

namespace userpkg {

int cmd_search(Context& ctx, const std::string& text) {
  auto lower = [](std::string s) {
    for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
  };
  std::string needle = lower(text);
  int found = 0;
  std::vector<std::string> broken;  // the load errors of broken recipes whose name matches
  for (auto& name : ctx.repos.names()) {
    const Recipe* r = nullptr;
    try {
      r = ctx.repos.find(name);
    } catch (const Error& e) {
      ctx.reporter.warn(e.what());  // a broken recipe must not hide the others
      if (lower(name).find(needle) != std::string::npos) broken.push_back(e.what());
      continue;
    }
    if (!r) continue;  // listed but gone since (a file removed while searching)
    if (lower(name).find(needle) == std::string::npos && lower(r->summary).find(needle) == std::string::npos) continue;
    std::printf("%-12s %-10s %s\n", name.c_str(), r->versions.front().version.str().c_str(), r->summary.c_str());
    ++found;
  }
  if (found == 0 && !broken.empty())
    throw Error("no usable recipe matches '" + text + "'",
                (broken.size() == 1 ? "the recipe that does is broken: " : "the recipes that do are broken: ") +
                    join(broken, "; "),
                "fix the file named above, or remove it from its repository");
  if (found == 0) {
    std::string close = ctx.repos.closest_name(text);
    throw Error("no recipe matches '" + text + "'", "",
                close.empty() ? "`userpkg search \"\"` lists every recipe" : "did you mean '" + close + "'?");
  }
  return 0;
}

}  // namespace userpkg
