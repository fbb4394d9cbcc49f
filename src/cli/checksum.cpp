// `userpkg checksum NAME VERSION… [--url URL]`: downloads new versions of a recipe and prints the
// lines to add to its [versions] table (like `spack checksum`).
#include <cstdio>

#include <CLI/CLI.hpp>

#include "authoring/checksum.hpp"
#include "cli/command_set.hpp"
#include "cli/commands.hpp"
#include "cli/prefix_session.hpp"
#include "util/fs.hpp"

namespace userpkg {
namespace {

struct ChecksumArgs {
  std::string name;
  std::vector<std::string> versions;
  std::string url;
};

int cmd_checksum(Context& ctx, const ChecksumArgs& args) {
  const Recipe& recipe = ctx.repos.get(args.name);  // unknown: "did you mean"
  const FetchSettings fetch = fetch_settings_for(ctx, PrefixLayout{ctx.settings.prefix});
  ScopedDir scratch(make_unique_dir(std::filesystem::temp_directory_path(), "userpkg-checksum"));
  auto sums = checksum_versions(recipe, args.versions, args.url, scratch.path(), fetch, ctx.reporter);
  for (const auto& s : sums) ctx.reporter.info("downloaded " + s.origin);
  std::fflush(stderr);
  std::printf("# add to [versions] of %s:\n", recipe.origin.c_str());
  for (const auto& s : sums) std::printf("%s\n", versions_line(s.version, s.sha256).c_str());
  return 0;
}

}  // namespace

void register_checksum(CLI::App& app, CommandSet& commands) {
  auto& args = commands.make_args<ChecksumArgs>();
  auto* sub = app.add_subcommand("checksum", "download new versions of a recipe and print their [versions] lines");
  sub->add_option("name", args.name, "recipe name")->required();
  sub->add_option("versions", args.versions, "versions to download")->required();
  sub->add_option("--url", args.url, "download from this URL instead of the recipe's ({version} is filled in)");
  commands.add(sub, [&args](Invocation& inv) { return cmd_checksum(inv.context(), args); });
}

}  // namespace userpkg
