#include "cli/app.hpp"

#include <CLI/CLI.hpp>
#include <cstdio>
#include <optional>
#include <iostream>

#include "archive/extract.hpp"
#include "cli/command_set.hpp"
#include "cli/commands.hpp"
#include "ops/no_space.hpp"
#include "util/error.hpp"
#include "util/strings.hpp"

namespace userpkg {
namespace {

void print_error(const Error& e) {
  std::fprintf(stderr, "userpkg: error: %s\n", e.what());
  if (!e.why().empty()) std::fprintf(stderr, "  why: %s\n", e.why().c_str());
  if (!e.hint().empty()) std::fprintf(stderr, "  what to do: %s\n", e.hint().c_str());
}

// The first option or argument given as an empty text ('' on the command line), as the user would
// name it. Only search's text means something when empty; an empty path would silently mean the
// current directory, an empty option its default.
std::optional<std::string> first_empty_value(const CLI::App& app) {
  if (app.get_name() == "search") return std::nullopt;  // `search ''` lists every recipe
  for (const CLI::Option* option : app.get_options()) {
    if (option->get_type_size() == 0 || option->count() == 0) continue;  // a flag, or not given
    for (const std::string& value : option->results())
      if (value.empty())
        return option->get_positional() && option->get_lnames().empty()
                   ? "the argument " + option->get_name() + " of `" + app.get_name() + "`"
                   : "the value of " + option->get_name();
  }
  for (const CLI::App* sub : app.get_subcommands())
    if (auto found = first_empty_value(*sub)) return found;
  return std::nullopt;
}

}  // namespace

int run_cli(int argc, char** argv) {
  CLI::App app{"userpkg: a modern toolchain in your home directory, without root"};
  app.require_subcommand(1);
  CommandLineSettings cl;
  std::string prefix;
  int jobs = 0;
  bool verbose = false, quiet = false;
  app.add_option("--prefix", prefix, "install prefix (default: $USERPKG_PREFIX, else ~/prefix)")->type_name("DIR");
  app.add_option("--mirror", cl.mirrors, "a mirror directory or URL, looked up as MIRROR/<recipe>/<file> (repeatable)")
      ->type_name("URL|DIR")
      ->expected(1)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  app.add_flag("--offline", cl.offline, "never contact upstream: only mirrors and the cache");
  app.add_option("-j,--jobs", jobs, "parallel build jobs (default: number of CPUs)")->type_name("N");
  app.add_flag("-v,--verbose", verbose, "say more");
  app.add_flag("-q,--quiet", quiet, "say only errors and warnings");
  app.add_flag("--dry-run", cl.dry_run, "print the plan and stop");
  app.set_version_flag("--version", std::string("userpkg ") + USERPKG_VERSION);

  CommandSet commands;
  register_core_commands(app, commands);
  // Commands of the shell integration (issue 3) register here, one line each.
  register_shell(app, commands);
  register_doctor(app, commands);
  register_env(app, commands);
  register_rescue(app, commands);
  register_generations(app, commands);
  register_rollback(app, commands);
  register_gc(app, commands);
  register_module(app, commands);
  register_recipe(app, commands);
  register_repo(app, commands);
  register_mirror(app, commands);
  register_checksum(app, commands);

  // For bench/extract.sh: the extractor alone, with no prefix involved.
  std::string archive_path, extract_dest;
  auto* debug_extract = app.add_subcommand("debug-extract", "")->group("");
  debug_extract->add_option("archive", archive_path)->required();
  debug_extract->add_option("dest", extract_dest)->required();

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // CLI11 reports a misspelt command as "A subcommand is required"; name the word instead.
    auto extras = app.remaining();
    if (app.get_subcommands().empty() && !extras.empty() && !extras.front().starts_with("-")) {
      std::vector<std::string> names;
      for (CLI::App* sub : app.get_subcommands([](CLI::App*) { return true; })) names.push_back(sub->get_name());
      print_error(Error("unknown command '" + extras.front() + "'", "", "commands: " + join(names, ", ") +
                                                                         " (see `userpkg --help`)"));
      return 1;
    }
    return app.exit(e);
  }
  if (auto empty = first_empty_value(app)) {
    print_error(Error(*empty + " is empty", "an empty text names no file, directory, package or setting",
                      "give a value, or leave the option out to use its default"));
    return 1;
  }
  if (app.get_option("--prefix")->count()) cl.prefix = prefix;
  if (app.get_option("--jobs")->count()) cl.jobs = jobs;
  cl.verbosity = verbose ? 1 : quiet ? -1 : 0;

  Invocation invocation(cl);
  try {
    if (debug_extract->parsed()) {
      std::printf("%s\n", extract_archive(archive_path, extract_dest).c_str());
      return 0;
    }
    if (auto status = commands.run_parsed(invocation)) return *status;
  } catch (const NoSpaceError& e) {
    // A full disk or quota met by any command (shell init, repo add, gc, …) reads as it does in
    // install: where, how much is free, what `userpkg gc` would free.
    const Context* context = invocation.context_if_made();
    if (context)
      print_error(no_space_error(e, PrefixLayout{context->settings.prefix}, ""));
    else
      print_error(e);
    return 1;
  } catch (const Error& e) {
    print_error(e);
    return 1;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "userpkg: internal error: %s\n", e.what());
    return 70;
  }
  return 0;
}

}  // namespace userpkg
