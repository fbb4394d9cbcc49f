#include "torch/reuse_check.hpp"

#include "prefix/install_record.hpp"
#include "util/error.hpp"
#include "util/process.hpp"
#include "util/strings.hpp"

namespace userpkg {
namespace {

std::string detail(const std::map<std::string, std::string>& d, const std::string& key) {
  auto it = d.find(key);
  return it == d.end() ? "" : it->second;
}

// The installed version of `distribution` in `python` ("" when it is not installed).
std::optional<std::string> installed_version(const std::string& python, const std::string& distribution) {
  auto out = capture_process({python, "-c",
                              "import sys\n"
                              "try:\n"
                              "    import importlib.metadata as m\n"
                              "    print(m.version(sys.argv[1]))\n"
                              "except Exception:\n"
                              "    print('')\n",
                              distribution});
  if (out.status != 0) return std::nullopt;
  std::string v(trim(out.output));
  if (v.empty()) return std::nullopt;
  return v;
}

}  // namespace

std::optional<std::string> reuse_refusal(const ReuseFacts& facts, const std::string& requested_cuda) {
  const std::string recorded_python = detail(facts.recorded, "target_python");
  if (recorded_python != facts.target_python)
    return "it is recorded for " + (recorded_python.empty() ? std::string("no python") : recorded_python) +
           ", not " + facts.target_python;
  const std::string variant = detail(facts.recorded, "variant");
  if (requested_cuda != "auto" && requested_cuda != variant)
    return "it is recorded as the " + (variant.empty() ? std::string("unknown") : variant) + " build, not " +
           requested_cuda;
  if (!facts.version_there) return "it is no longer installed in " + facts.target_python;
  return std::nullopt;
}

void recheck_reused_wheels(Plan& plan, const StackSettings& stack, const PrefixLayout& layout,
                           TargetPythonOnce& python) {
  for (auto& p : plan.packages) {
    if (p.action != Action::Reuse || p.recipe->build.system != "pytorch") continue;
    ReuseFacts facts;
    try {
      facts.recorded = read_record(layout.record_path(p.name(), p.version->version.str())).details;
      facts.target_python = python.get().executable.string();
    } catch (const Error&) {
      continue;  // no record or no python: the kind itself reports that when it runs
    }
    facts.version_there = installed_version(facts.target_python, p.name());
    if (auto why = reuse_refusal(facts, stack.cuda)) {
      p.action = Action::Build;
      p.reason = *why;
    }
  }
}

}  // namespace userpkg
