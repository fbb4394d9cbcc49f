#pragma once
// torch's dependencies (filelock, sympy, networkx, jinja2, fsspec, nvidia-* …) as wheels, resolved
// by the target python's own pip (`pip download`), never by userpkg: so a mirror can hold every
// wheel an offline `pip install --no-index --find-links <mirror>/pytorch-wheels` needs. Also
// where pip takes them from at install time.
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "core/recipe.hpp"
#include "fetch/fetch_settings.hpp"
#include "ops/stack_settings.hpp"
#include "torch/wheel_plan.hpp"
#include "util/reporter.hpp"

namespace userpkg {

// The pip options naming the target the plan's wheels are for, so pip resolves for it whatever
// python or glibc runs pip: --python-version 3.11 --implementation cp --abi cp311, and one
// --platform per tag the target accepts (manylinux_2_N_<arch> for N down to 17, the legacy
// manylinux aliases, linux_<arch>): pip does not expand manylinux_2_N itself. Pure.
std::vector<std::string> pip_target_args(const WheelTarget& target);

// Where pip takes torch's dependencies from. Offline: --no-index, with --find-links for each
// wheelhouse and each of `mirror_wheel_dirs` (pip then fails naming a dependency none holds).
// Online: the configured wheelhouses / index (pip_source_args), else the variant's own index
// <torch_index>/<variant> (download.pytorch.org/whl/<variant> serves torch's dependencies too). Pure.
std::vector<std::string> torch_dependency_sources(const StackSettings& stack, bool offline,
                                                  const std::vector<std::string>& mirror_wheel_dirs,
                                                  std::string_view variant);

// <mirror>/pytorch-wheels of each local (directory or file://) mirror where it exists.
std::vector<std::string> mirror_wheel_dirs(const FetchSettings& fetch);

// `python -m pip download --only-binary=:all: --dest DEST <target args> <sources> <requirements>`. Pure.
std::vector<std::string> pip_download_argv(const std::filesystem::path& python, const WheelTarget& target,
                                           const std::vector<std::string>& sources,
                                           const std::vector<std::string>& requirements,
                                           const std::filesystem::path& dest);

// Runs pip download for the plan's wheels (`planned`: their local paths, verified, or URLs of
// unverified ones, in plan order: main first) with the sources above (FetchSettings' offline and
// mirrors), in pip_environment. pip checks every hash the index publishes. Returns the wheels
// other than the planned ones, each moved into the download cache (SourceFile: file:// URL of the
// cached copy, file name, sha256 of the content), sorted by name. Throws Error when pip fails
// (its last lines, and what to do).
std::vector<SourceFile> download_dependency_wheels(const TorchFacts& facts, const TorchWheelPlan& plan,
                                                   const std::vector<std::string>& planned,
                                                   const StackSettings& stack, const FetchSettings& fetch,
                                                   Reporter& reporter);

}  // namespace userpkg
