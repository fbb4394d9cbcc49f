#include <algorithm>

#include "cli/commands.hpp"
#include "ops/profile_changed.hpp"
#include "cli/prefix_session.hpp"
#include "core/spec.hpp"
#include "prefix/generations.hpp"
#include "prefix/install_record.hpp"
#include "shell/env_script.hpp"
#include "util/error.hpp"
#include "util/strings.hpp"

namespace userpkg {
namespace {

// pip and wheels (torch, torchvision, …) live in the python they were installed into, not in the
// prefix: taking them out of the profile leaves that python as it is (its other packages may need
// them). Say so, and how to remove them from it.
void stays_in_python_note(const PrefixLayout& layout, const PackageRef& ref, Reporter& reporter) {
  std::error_code ec;
  auto path = layout.record_path(ref.name, ref.version);
  if (!std::filesystem::is_regular_file(path, ec)) return;
  auto details = read_record(path).details;
  auto python = details.find("target_python");
  if (python == details.end()) return;
  reporter.info(ref.name + " " + ref.version + " stays in " + python->second +
                " (userpkg only removed its record from the profile); to remove it from that python: `" +
                python->second + " -m pip uninstall " + ref.name + "`");
}

}  // namespace

// Takes packages out of the profile in a new generation. Their trees stay in pkgs/ as long as a
// generation refers to them, so `rollback` can bring them back.
int cmd_uninstall(Context& ctx, const std::vector<std::string>& spec_texts) {
  std::string cmd = "userpkg uninstall " + join(spec_texts, " ");
  PrefixSession session = open_prefix(ctx, cmd, PrefixUse::removes);
  auto current = read_current_generation(session.layout);
  std::vector<PackageRef> kept = current ? current->packages : std::vector<PackageRef>{}, removed;
  for (auto& text : spec_texts) {
    Spec spec = parse_spec(text);
    auto it = std::find_if(kept.begin(), kept.end(), [&](const PackageRef& p) {
      return p.name == spec.name && spec.constraint.matches(Version::parse(p.version));
    });
    if (it == kept.end())
      throw Error(text + " is not installed in the current profile", "",
                  "`userpkg list` shows what is installed");
    removed.push_back(*it);
    kept.erase(it);
  }
  if (ctx.settings.dry_run) {
    for (auto& r : removed) ctx.reporter.info("would remove " + r.name + " " + r.version);
    return 0;
  }
  auto result = create_generation(session.layout, kept, cmd, {}, removed, profile_writers());
  after_profile_change(session.layout, ctx.reporter);
  for (auto& r : removed) {
    ctx.reporter.info("removed " + r.name + " " + r.version + " from the profile");
    stays_in_python_note(session.layout, r, ctx.reporter);
  }
  ctx.reporter.info("==> Generation " + std::to_string(result.generation.number) +
                    " (the package files stay until no generation uses them)");
  return 0;
}

}  // namespace userpkg
