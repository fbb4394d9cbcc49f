#include "torch/dependency_wheels.hpp"

#include <algorithm>
#include <set>

#include "build/build_log.hpp"
#include "fetch/download_cache.hpp"
#include "fetch/mirror.hpp"
#include "fetch/sha256.hpp"
#include "python/pip_environment.hpp"
#include "python/pip_sources.hpp"
#include "torch/dependency_hashes.hpp"
#include "torch/mirror_layout.hpp"
#include "util/error.hpp"
#include "util/fs.hpp"
#include "util/process.hpp"
#include "util/strings.hpp"

namespace userpkg {
namespace fs = std::filesystem;

std::vector<std::string> pip_target_args(const WheelTarget& target) {
  const std::string py = std::to_string(target.python_major) + std::to_string(target.python_minor);
  std::vector<std::string> args{"--python-version", target.python_text(), "--implementation", "cp", "--abi", "cp" + py};
  auto platform = [&](const std::string& tag) { args.insert(args.end(), {"--platform", tag + "_" + target.arch}); };
  if (target.glibc_major == 2) {
    for (int minor = target.glibc_minor; minor >= 17; --minor) platform("manylinux_2_" + std::to_string(minor));
    if (target.glibc_minor >= 17) platform("manylinux2014");
    if (target.glibc_minor >= 12) platform("manylinux2010");
    if (target.glibc_minor >= 5) platform("manylinux1");
  }
  platform("linux");
  return args;
}

std::vector<std::string> torch_dependency_sources(const StackSettings& stack, bool offline,
                                                  const std::vector<std::string>& mirror_wheel_dirs,
                                                  std::string_view variant) {
  if (offline) {
    std::vector<std::string> args{"--no-index"};
    for (const std::string& dir : stack.wheelhouses) args.insert(args.end(), {"--find-links", dir});
    for (const std::string& dir : mirror_wheel_dirs) args.insert(args.end(), {"--find-links", dir});
    return args;
  }
  std::vector<std::string> args = pip_source_args(stack);
  if (!args.empty()) return args;
  std::string index = stack.torch_index;
  while (!index.empty() && index.back() == '/') index.pop_back();
  return {"--index-url", index + "/" + std::string(variant)};
}

std::vector<std::string> mirror_wheel_dirs(const FetchSettings& fetch) {
  std::vector<std::string> dirs;
  for (const std::string& mirror : fetch.mirrors) {
    MirrorLocation at = mirror_location(mirror, std::string(kTorchWheelsFolder), "x.whl");
    std::error_code ec;
    if (at.local && fs::is_directory(at.path.parent_path(), ec)) dirs.push_back(at.path.parent_path().string());
  }
  return dirs;
}

std::vector<std::string> pip_download_argv(const fs::path& python, const WheelTarget& target,
                                           const std::vector<std::string>& sources,
                                           const std::vector<std::string>& requirements, const fs::path& dest) {
  std::vector<std::string> argv{python.string(), "-m",     "pip",          "download", "--disable-pip-version-check",
                                "--no-input",    "--only-binary=:all:", "--dest", dest.string()};
  const std::vector<std::string> target_args = pip_target_args(target);
  for (const std::vector<std::string>* part : {&target_args, &sources, &requirements})
    argv.insert(argv.end(), part->begin(), part->end());
  return argv;
}

std::vector<SourceFile> download_dependency_wheels(const TorchFacts& facts, const TorchWheelPlan& plan,
                                                   const std::vector<std::string>& planned,
                                                   const StackSettings& stack, const FetchSettings& fetch,
                                                   Reporter& reporter) {
  if (!facts.python.has_pip)
    throw Error("cannot resolve the dependencies of " + plan.main.wheel.file.file_name,
                facts.python.executable.string() + " has no pip, and its pip resolves them",
                "userpkg install pip --python " + facts.python.executable.string());
  check_wheelhouses(stack.wheelhouses);
  ensure_dir(fetch.cache_dir);
  ScopedDir dest(make_unique_dir(fetch.cache_dir, ".pip-download"));  // beside the cache: moves are renames
  std::set<std::string> planned_names{plan.main.wheel.file.file_name};
  for (const ChosenWheel& extra : plan.extras) planned_names.insert(extra.wheel.file.file_name);
  // The planned wheels are there already, so pip neither downloads nor copies them again.
  for (const std::string& path : planned) {
    std::error_code ec;
    if (fs::is_regular_file(path, ec)) fs::create_hard_link(path, dest.path() / fs::path(path).filename(), ec);
  }

  const std::vector<std::string> sources = torch_dependency_sources(stack, fetch.offline, mirror_wheel_dirs(fetch),
                                                                    plan.variant.variant);
  std::vector<std::string> argv = pip_download_argv(facts.python.executable, plan.target, sources, planned, dest.path());
  reporter.info("resolving the dependencies of " + plan.main.project + " " + plan.main.version.str() + " (" +
                plan.variant.variant + ") with " + facts.python.executable.string() + "'s pip");
  reporter.detail("running " + join(argv, " "));
  ProcessOptions options;
  options.cwd = dest.path();
  options.environment = pip_environment(Environment::current());  // no PIP_INDEX_URL & co.
  options.limits = default_process_limits().tool;
  CapturedOutput out = capture_process(argv, options);
  if (out.end != ProcessEnd::exited) out.output += "\npip " + describe_end(out);
  for (const std::string& line : split(out.output, '\n', true)) reporter.detail(line);
  if (out.status != 0)
    throw Error("pip could not download the dependencies of " + plan.main.wheel.file.file_name,
                join(last_lines(out.output, 15), "\n"),
                fetch.offline ? "offline, they come only from --wheelhouse and the mirrors' pytorch-wheels/: make the "
                                "mirror with `userpkg mirror create DIR " + plan.main.project + "@" +
                                    plan.main.version.str() + " …` on a machine with network"
                              : "check that the index (or --wheelhouse / --index-url) holds the dependencies named above");

  DownloadCache cache(fetch.cache_dir);
  std::vector<SourceFile> wheels;
  for (const fs::path& entry : directory_entries(dest.path())) {
    const std::string name = entry.filename().string();
    if (!name.ends_with(".whl") || planned_names.count(name) != 0) continue;
    SourceFile file{"", name, sha256_file(entry)};
    const fs::path cached = cache.final_path(file);
    std::error_code ec;
    if (!fs::exists(cached, ec)) {
      ensure_dir(cached.parent_path());
      rename_path(entry, cached);
    }
    file.url = "file://" + cached.string();
    wheels.push_back(std::move(file));
  }
  std::sort(wheels.begin(), wheels.end(), [](const SourceFile& a, const SourceFile& b) { return a.file_name < b.file_name; });
  std::vector<std::string> names;
  for (const SourceFile& w : wheels) names.push_back(w.file_name);
  if (std::optional<std::string> index = dependency_index(stack, fetch.offline, plan.variant.variant)) {
    std::vector<DependencyRef> refs;
    for (const SourceFile& w : wheels)
      if (auto name = try_parse_wheel_name(w.file_name)) refs.push_back({name->distribution, name->version_text, w.file_name});
    HashCheck check = check_dependency_hashes(refs, *index, [&](const std::string& url) {
      reporter.detail("reading " + url + " (the published sha256 of a dependency)");
      return fetch_index_page(url, fetch);
    });
    for (const std::string& file : check.unverified)
      reporter.warn(file + " is not verified: the index publishes no sha256 for it, so pip took it as it came");
    for (const std::string& line : check.unchecked) reporter.detail("cannot check the published sha256 of " + line);
  }
  reporter.info(std::to_string(wheels.size()) + " dependency wheel(s)" + (names.empty() ? "" : ": " + join(names, ", ")));
  return wheels;
}

}  // namespace userpkg
