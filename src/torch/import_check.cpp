#include "torch/import_check.hpp"

#include "platform/cuda_driver_table.hpp"
#include "build/build_log.hpp"
#include "util/error.hpp"
#include "util/process.hpp"
#include "util/strings.hpp"

namespace userpkg {
std::string import_check_script(const std::string& project) {
  std::string script =
      "import torch\n"
      "print('userpkg.torch=' + str(torch.__version__))\n"
      "print('userpkg.cuda=' + str(torch.version.cuda or ''))\n"
      "ok = bool(torch.cuda.is_available())\n"
      "print('userpkg.available=' + ('1' if ok else '0'))\n"
      "print('userpkg.count=' + str(torch.cuda.device_count() if ok else 0))\n";
  if (project != "torch")
    script += "import " + project + "\nprint('userpkg.project=' + str(" + project + ".__version__))\n";
  return script;
}

std::optional<TorchImport> parse_import_check(const std::string& output) {
  TorchImport out;
  bool seen = false;
  for (const std::string& line : split(output, '\n', true)) {
    auto eq = line.find('=');
    if (!line.starts_with("userpkg.") || eq == std::string::npos) continue;
    const std::string key = line.substr(8, eq - 8), value(trim(line.substr(eq + 1)));
    if (key == "torch") {
      out.torch_version = value;
      seen = true;
    } else if (key == "cuda") {
      out.cuda = value;
    } else if (key == "available") {
      out.gpu_available = value == "1";
    } else if (key == "count") {
      out.gpu_count = std::atoi(value.c_str());
    } else if (key == "project") {
      out.project_version = value;
    }
  }
  if (!seen) return std::nullopt;
  return out;
}

ImportVerdict judge_import(const TorchImport& r, const NvidiaDriver& driver,
                           const std::optional<std::string>& cuda_visible_devices) {
  ImportVerdict v;
  v.summary = "torch " + r.torch_version;
  if (r.cuda.empty()) {
    v.summary += " (CPU build): no GPU is used";
    return v;
  }
  v.summary += ", CUDA " + r.cuda + ": ";
  if (r.gpu_available) {
    v.summary += std::to_string(r.gpu_count) + " GPU" + (r.gpu_count == 1 ? "" : "s") + " visible";
    return v;
  }
  v.summary += "no GPU visible";
  const std::optional<Version> wheel_cuda = Version::try_parse(r.cuda);
  if (!driver.present) {
    v.notes.push_back("there is no NVIDIA driver here (" + describe_driver(driver) +
                      "); on a machine with a driver for CUDA " + r.cuda + " or newer torch will use its GPUs");
  } else if (wheel_cuda && (!driver.max_cuda || major_minor(*driver.max_cuda) < major_minor(*wheel_cuda))) {
    v.notes.push_back("this torch is built for CUDA " + r.cuda + ": " +
                      driver_too_old_message(*wheel_cuda, driver.driver_version, driver.max_cuda));
    v.notes.push_back("reinstall with --cuda auto to get a build this driver runs, or ask for a newer driver");
  } else if (cuda_visible_devices) {
    v.notes.push_back("CUDA_VISIBLE_DEVICES=" + *cuda_visible_devices +
                      " may hide the GPUs: `userpkg doctor` checks it against the GPUs present");
  } else {
    v.notes.push_back(describe_driver(driver) + " can run CUDA " + r.cuda +
                      ", yet torch sees no GPU: check `nvidia-smi` and `userpkg doctor` (a GPU may be busy, "
                      "in an exclusive mode, or not given to this job)");
  }
  return v;
}

TorchImport run_import_check(const std::filesystem::path& python, const std::string& project,
                             const std::filesystem::path& scratch) {
  ProcessOptions options;
  options.cwd = scratch;
  CapturedOutput out = capture_process({python.string(), "-c", import_check_script(project)}, options);
  if (out.end != ProcessEnd::exited) out.output += "\n" + python.string() + " " + describe_end(out);
  std::optional<TorchImport> result = out.status == 0 ? parse_import_check(out.output) : std::nullopt;
  if (!result)
    throw Error("`import " + project + "` fails after installing it into " + python.string(),
                join(last_lines(out.output, 15), "\n"),
                "pip installed the files; see the error above (a missing dependency or a broken wheel), and "
                "`" + python.string() + " -m pip uninstall " + project + "` to remove them");
  return *result;
}

}  // namespace userpkg
