#include "platform/nvidia_driver.hpp"

#include <regex>

#include "linkage/libcuda_query.hpp"
#include "platform/cuda_driver_table.hpp"
#include "util/error.hpp"
#include "util/fs.hpp"
#include "util/process.hpp"

namespace userpkg {
namespace {

std::optional<std::string> first_match(std::string_view text, const std::regex& pattern) {
  std::match_results<std::string_view::const_iterator> m;
  if (!std::regex_search(text.begin(), text.end(), m, pattern)) return std::nullopt;
  return m[1].str();
}

NvidiaDriver from_driver_version(const std::string& version, std::string source) {
  NvidiaDriver d;
  d.present = true;
  d.driver_version = version;
  d.source = std::move(source);
  d.max_cuda = max_cuda_for_driver(Version::parse(version));
  if (!d.max_cuda)
    d.notes.push_back("driver " + version + " is older than CUDA 11.0's (>= " + oldest_known_driver().str() + ")");
  return d;
}

// The driver version alone, for a libcuda answer; never throws.
std::string proc_driver_version(const std::filesystem::path& path) {
  try {
    return parse_proc_driver_version(read_file(path)).value_or("");
  } catch (const Error&) {
    return "";
  }
}

}  // namespace

std::optional<Version> cuda_from_driver_api(int version) {
  if (version <= 0) return std::nullopt;
  return Version::parse(std::to_string(version / 1000) + "." + std::to_string((version % 1000) / 10));
}

std::optional<std::string> parse_proc_driver_version(std::string_view text) {
  // "Kernel Module" or "Open Kernel Module for <arch>", then the version, then a date or "Release Build".
  static const std::regex version_line(R"(NVRM version:[^\n]*Kernel Module(?: for \S+)?\s+([0-9]+\.[0-9]+(?:\.[0-9]+)?)\b)");
  return first_match(text, version_line);
}

std::optional<Version> parse_nvidia_smi_cuda(std::string_view text) {
  static const std::regex cuda(R"(CUDA Version:\s*([0-9]+\.[0-9]+))");
  auto found = first_match(text, cuda);
  if (!found) return std::nullopt;
  return Version::parse(*found);
}

std::optional<std::string> parse_nvidia_smi_driver(std::string_view text) {
  static const std::regex driver(R"(Driver Version:\s*([0-9]+\.[0-9]+(?:\.[0-9]+)?))");
  return first_match(text, driver);
}

NvidiaDriver driver_from_override(const std::string& value) {
  static const std::regex cuda_version(R"([0-9]{1,2}\.[0-9]{1,2})");
  static const std::regex driver_version(R"([0-9]{3}\.[0-9]+(\.[0-9]+)?)");
  NvidiaDriver d;
  d.source = "USERPKG_CUDA_DRIVER";
  if (value == "none") return d;
  if (std::regex_match(value, cuda_version)) {
    d.present = true;
    d.max_cuda = Version::parse(value);
    return d;
  }
  if (std::regex_match(value, driver_version)) return from_driver_version(value, "USERPKG_CUDA_DRIVER");
  throw Error("USERPKG_CUDA_DRIVER=" + value + " is not understood",
              "it must be the newest CUDA version the driver supports (12.2), a driver version (535.104.05), "
              "or none",
              "set USERPKG_CUDA_DRIVER=12.2 or USERPKG_CUDA_DRIVER=none, or unset it to detect the driver");
}

NvidiaDriver detect_nvidia_driver(const DriverProbe& probe) {
  if (auto value = probe.env.get("USERPKG_CUDA_DRIVER"); value && !value->empty())
    return driver_from_override(*value);

  std::vector<std::string> notes;
  std::string why;
  if (auto version = query_libcuda(probe.libcuda, why)) {
    NvidiaDriver d;
    d.present = true;
    d.source = "libcuda";
    d.max_cuda = cuda_from_driver_api(*version);
    d.driver_version = proc_driver_version(probe.proc_version);  // for messages; may be empty
    return d;
  }
  notes.push_back("libcuda: " + why);

  std::string proc_text;
  try {
    proc_text = read_file(probe.proc_version);
  } catch (const Error&) {
    notes.push_back(probe.proc_version.string() + ": not readable (no NVIDIA kernel module loaded)");
  }
  if (!proc_text.empty()) {
    if (auto version = parse_proc_driver_version(proc_text)) {
      NvidiaDriver d = from_driver_version(*version, "/proc");
      d.notes.insert(d.notes.begin(), notes.begin(), notes.end());
      return d;
    }
    notes.push_back(probe.proc_version.string() + ": no \"NVRM version\" line with a driver version");
  }

  ProcessOptions options;
  options.environment = probe.env;
  CapturedOutput smi;
  try {
    smi = capture_process({probe.nvidia_smi}, options);
  } catch (const Error&) {
    smi.status = 127;
  }
  if (smi.status == 127) {
    notes.push_back(probe.nvidia_smi + ": not found");
  } else if (auto cuda = parse_nvidia_smi_cuda(smi.output); cuda && smi.status == 0) {
    NvidiaDriver d;
    d.present = true;
    d.source = "nvidia-smi";
    d.max_cuda = cuda;
    d.driver_version = parse_nvidia_smi_driver(smi.output).value_or("");
    d.notes = notes;
    return d;
  } else {
    std::string first_line = smi.output.substr(0, smi.output.find('\n'));
    notes.push_back(probe.nvidia_smi + ": exit status " + std::to_string(smi.status) + ", no \"CUDA Version\"" +
                    (first_line.empty() ? "" : ": " + first_line));
  }

  NvidiaDriver none;
  none.source = "none found";
  none.notes = std::move(notes);
  return none;
}

std::string describe_driver(const NvidiaDriver& driver) {
  if (!driver.present)
    return driver.source == "USERPKG_CUDA_DRIVER" ? "no NVIDIA driver (USERPKG_CUDA_DRIVER=none)"
                                                   : "no NVIDIA driver found";
  std::string out = "NVIDIA driver";
  if (!driver.driver_version.empty()) out += " " + driver.driver_version;
  out += driver.max_cuda ? ", CUDA up to " + major_minor(*driver.max_cuda).str() : ", CUDA older than 11.0 only";
  return out + " (from " + driver.source + ")";
}

std::optional<std::string> driver_refuses_cuda(const NvidiaDriver& driver, const Version& cuda) {
  if (!driver.present) return std::nullopt;
  if (driver.max_cuda && major_minor(cuda) <= major_minor(*driver.max_cuda)) return std::nullopt;
  return driver_too_old_message(cuda, driver.driver_version, driver.max_cuda);
}

}  // namespace userpkg
