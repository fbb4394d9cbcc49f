#pragma once
// The plan that install, fetch and mirror create share (cli/install.cpp): specs parsed, pip fitted
// to the target python, resolved against the system and the prefix, and printed before anything
// changes.
#include <string>

#include "cli/commands.hpp"
#include "cli/prefix_session.hpp"
#include "core/plan.hpp"
#include "ops/stack_settings.hpp"

namespace userpkg {

// ThisPrefix: what this prefix has is reused. FreshPrefix: planned as for an empty prefix (a
// mirror is for another machine, which has none of what this prefix holds).
enum class PlanFor { ThisPrefix, FreshPrefix };

Plan make_install_plan(Context& ctx, const PrefixSession& session, const InstallArgs& args, const StackSettings& stack,
                       PlanFor target = PlanFor::ThisPrefix);

void print_plan(const Plan& plan);

// "userpkg VERB SPEC…" as the user would type it (recorded in generations, shown in summaries).
std::string command_line(const std::string& verb, const InstallArgs& args);

}  // namespace userpkg
