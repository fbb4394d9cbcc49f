#pragma once
// Opening the prefix for a command that changes it: the lock (one writer per prefix), then
// cleaning what an interrupted run left behind.
#include <memory>

#include "cli/context.hpp"
#include "fetch/fetch_settings.hpp"
#include "prefix/layout.hpp"
#include "prefix/lock.hpp"

namespace userpkg {

struct PrefixSession {
  PrefixLayout layout;
  std::unique_ptr<PrefixLock> lock;
  FetchSettings fetch;
};

// What the command does with the prefix: commands that add to it refuse a prefix path that build
// systems cannot take (prefix/prefix_path_rule.hpp); those that only take away (uninstall, gc,
// rollback, shell deinit) still work on one, so that it can be emptied.
enum class PrefixUse { adds, removes };

PrefixSession open_prefix(Context& ctx, const std::string& command_line, PrefixUse use = PrefixUse::adds);
FetchSettings fetch_settings_for(const Context& ctx, const PrefixLayout& layout);

}  // namespace userpkg
