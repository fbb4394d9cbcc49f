#include "cli/prefix_session.hpp"

#include "prefix/bin_link.hpp"
#include "prefix/prefix_path_rule.hpp"
#include "prefix/recovery.hpp"
#include "util/fs.hpp"

namespace userpkg {

FetchSettings fetch_settings_for(const Context& ctx, const PrefixLayout& layout) {
  FetchSettings f;
  f.mirrors = ctx.settings.mirrors;
  f.offline = ctx.settings.offline;
  f.cache_dir = layout.downloads();
  f.ca_file = ctx.settings.ca_file;
  f.low_speed_time = ctx.settings.limits.stall;
  f.page_timeout = ctx.settings.limits.page;
  return f;
}

PrefixSession open_prefix(Context& ctx, const std::string& command_line, PrefixUse use) {
  if (use == PrefixUse::adds) check_prefix_path(ctx.settings.prefix);
  PrefixSession s;
  s.layout = PrefixLayout{ctx.settings.prefix};
  if (use == PrefixUse::adds) check_bin_link_free(s.layout);
  ensure_dir(s.layout.root);
  s.lock = std::make_unique<PrefixLock>(s.layout, command_line, [&](const LockHolder& holder) {
    ctx.reporter.info("waiting for another userpkg (pid " + std::to_string(holder.pid) + ": `" + holder.command +
                      "`) to finish with " + s.layout.root.string() + "…");
  });
  auto recovery = clean_leftovers(s.layout);
  for (auto& removed : recovery.removed)
    ctx.reporter.info("cleaned up after an interrupted run: " + removed.string());
  for (auto& stuck : recovery.not_removable) ctx.reporter.warn("cannot remove leftover " + stuck.string());
  s.fetch = fetch_settings_for(ctx, s.layout);
  return s;
}

}  // namespace userpkg
