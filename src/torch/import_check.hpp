#pragma once
// After pip: does `import torch` work in a fresh interpreter, which torch and CUDA does it report,
// does it see a GPU — and, when it does not, why (driver too old for the wheel's CUDA, no driver,
// CUDA_VISIBLE_DEVICES). The script and the reading of its output are pure; running it is not.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "platform/nvidia_driver.hpp"

namespace userpkg {

struct TorchImport {
  std::string torch_version;    // torch.__version__: "2.1.2+cu121"
  std::string cuda;             // torch.version.cuda: "12.1"; empty for a CPU build
  bool gpu_available = false;   // torch.cuda.is_available()
  int gpu_count = 0;            // torch.cuda.device_count() when available
  std::string project_version;  // <project>.__version__ for torchvision/torchaudio
};

// The Python program that prints what parse_import_check reads; imports torch and `project`.
std::string import_check_script(const std::string& project);

// Reads the script's "key=value" lines; nullopt when the torch line is missing (import failed).
std::optional<TorchImport> parse_import_check(const std::string& output);

struct ImportVerdict {
  std::string summary;             // "torch 2.1.2+cu121, CUDA 12.1, 2 GPUs visible"
  std::vector<std::string> notes;  // why no GPU is visible, when a CUDA build sees none
};

// cuda_visible_devices: the variable's value (nullopt: unset).
ImportVerdict judge_import(const TorchImport& result, const NvidiaDriver& driver,
                           const std::optional<std::string>& cuda_visible_devices);

// Runs the script with `python` in a fresh process (cwd: scratch, so no ./torch shadows the
// installed one). Throws Error with the interpreter's output when the import fails.
TorchImport run_import_check(const std::filesystem::path& python, const std::string& project,
                             const std::filesystem::path& scratch);

}  // namespace userpkg
