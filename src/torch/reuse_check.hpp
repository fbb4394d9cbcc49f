#pragma once
// A wheel package in the prefix (torch, torchvision, torchaudio) is recorded once per version,
// but it lives in one python, built for one variant. The resolver sees only "torch 2.1.2 is
// installed"; this step makes the plan install again when the request is for another python or
// another explicit variant, or when the wheel is no longer in that python.
#include <map>
#include <optional>
#include <string>

#include "core/plan.hpp"
#include "ops/stack_settings.hpp"
#include "prefix/layout.hpp"
#include "python/target_python.hpp"

namespace userpkg {

struct ReuseFacts {
  std::map<std::string, std::string> recorded;  // the install record's details
  std::string target_python;                    // the python this request is for
  std::optional<std::string> version_there;     // the distribution's version in that python, if any
};

// Why the recorded install does not serve this request, or nullopt when it does (pure).
std::optional<std::string> reuse_refusal(const ReuseFacts& facts, const std::string& requested_cuda);

// For each reused "pytorch" package of the plan: build it again when reuse_refusal says so.
void recheck_reused_wheels(Plan& plan, const StackSettings& stack, const PrefixLayout& layout,
                           TargetPythonOnce& python);

}  // namespace userpkg
