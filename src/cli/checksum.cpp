// `userpkg checksum NAME VERSION… [URL]` (or --url URL): downloads new versions of a recipe and prints the
// lines to add to its [versions] table (like `spack checksum`).
#include <cstdio>

#include <CLI/CLI.hpp>

#include "authoring/checksum.hpp"
#include "cli/command_set.hpp"
#include "cli/commands.hpp"
#include "cli/prefix_session.hpp"
#include "core/resolve.hpp"
#include "core/spec.hpp"
#include "util/error.hpp"
#include "util/fs.hpp"

namespace userpkg {
namespace {

struct ChecksumArgs {
  std::string name;
  std::vector<std::string> versions;
  std::string url;
};

// `checksum NAME VERSION URL`: a word with "://" among the versions is the URL.
ChecksumArgs with_url_split_off(ChecksumArgs args) {
  std::vector<std::string> versions;
  for (auto& word : args.versions) {
    if (word.find("://") == std::string::npos) {
      versions.push_back(word);
      continue;
    }
    if (!args.url.empty())
      throw Error("checksum takes one URL, got " + args.url + " and " + word, "",
                  "give one URL (with {version} in it to download several versions)");
    args.url = word;
  }
  if (versions.empty())
    throw Error("checksum needs a version to download", "", "write e.g. userpkg checksum " + args.name + " 1.2.3 [URL]");
  args.versions = std::move(versions);
  return args;
}

int cmd_checksum(Context& ctx, const ChecksumArgs& given) {
  const ChecksumArgs args = with_url_split_off(given);
  const Recipe& recipe = recipe_for(parse_spec(args.name), ctx.repos);  // unknown: "did you mean"; lab/NAME too
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
  sub->add_option("name", args.name, "recipe name (or REPO/NAME)")->required();
  sub->add_option("versions", args.versions, "versions to download, then optionally the URL (as --url)")->required();
  sub->add_option("--url", args.url, "download from this URL instead of the recipe's ({version} is filled in)");
  commands.add(sub, [&args](Invocation& inv) { return cmd_checksum(inv.context(), args); });
}

}  // namespace userpkg
