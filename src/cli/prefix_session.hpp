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

PrefixSession open_prefix(Context& ctx, const std::string& command_line);
FetchSettings fetch_settings_for(const Context& ctx, const PrefixLayout& layout);

}  // namespace userpkg
