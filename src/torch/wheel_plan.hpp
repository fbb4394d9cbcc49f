#pragma once
// Which wheel `install torch@2.1` takes, and why: the variant (from --cuda and the driver), the
// variant's index page (<torch_index>/<variant>/<project>/), and the wheel on it that fits the
// target python's tags, the glibc and the CPU. Used by the pytorch kind and by `userpkg info`.
#include <string>
#include <string_view>
#include <vector>

#include "core/version.hpp"
#include "ops/stack_settings.hpp"
#include "platform/machine.hpp"
#include "platform/nvidia_driver.hpp"
#include "python/target_python.hpp"
#include "torch/index_page.hpp"
#include "torch/variant_choice.hpp"
#include "wheel/index_file_check.hpp"
#include "wheel/select.hpp"
#include "wheel/tags.hpp"

namespace userpkg {

// The machine and interpreter a wheel is chosen for.
struct TorchFacts {
  TargetPython python;
  GlibcVersion glibc;
  MachineArch arch;
  NvidiaDriver driver;
};

// Reads them: --python (resolve_target_python), USERPKG_GLIBC or the running glibc, uname, the
// driver (USERPKG_CUDA_DRIVER, libcuda, /proc, nvidia-smi). Throws Error (no python, bad override).
TorchFacts gather_torch_facts(const StackSettings& stack, const PrefixLayout& layout, const Environment& env);

// One wheel chosen from one page.
struct ChosenWheel {
  std::string project;  // "torch"
  Version version;      // the release asked for: "2.1.2"
  std::string page_url;
  WheelChoice wheel;
  std::vector<SkippedIndexFile> skipped;  // files of the page never considered, and why (said with -v)
};

struct TorchWheelPlan {
  Version torch;          // the torch release (for torchvision 0.16.2: 2.1.2)
  VariantChoice variant;
  WheelTarget target;
  ChosenWheel main;                 // the wheel of the package asked for
  std::vector<ChosenWheel> extras;  // torchvision/torchaudio: the matching torch wheel, same variant
};

// "<index>/<variant>/<project>/" (one slash between the parts whatever the index ends with).
std::string variant_page_url(std::string_view torch_index, std::string_view variant, std::string_view project);

// The wheel of `project` at exactly `version` on its page for `variant`; Error (with what the page
// has, and why none fits) when none does. Files with unusable names or links
// (wheel/index_file_check.hpp) are left out first.
ChosenWheel choose_wheel_on_page(std::string_view project, const Version& version, std::string_view variant,
                                 const StackSettings& stack, const WheelTarget& target, const IndexPageSource& pages);

// The whole choice. Throws Error: unknown torch release of a torchvision/torchaudio version,
// variant refused, unsupported CPU, page missing, no wheel fits.
TorchWheelPlan plan_torch_wheel(std::string_view project, const Version& version, const StackSettings& stack,
                                const TorchFacts& facts, const IndexPageSource& pages);

// The wheel target of the facts: python major.minor, glibc, wheel arch. Throws Error for a CPU
// no wheels are published for.
WheelTarget torch_wheel_target(const TorchFacts& facts);

// Lines for `userpkg info` and the install log: variant and why, python tags, glibc, the file.
std::vector<std::string> describe_plan(const TorchWheelPlan& plan, const TorchFacts& facts);

// "skipped <name> on <page>: <why>" for each file left out of a page of the plan (for -v).
std::vector<std::string> skipped_files_lines(const TorchWheelPlan& plan);

}  // namespace userpkg
