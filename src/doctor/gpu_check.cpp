#include "doctor/gpu_check.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <set>
#include <string_view>

#include "platform/cuda_driver_table.hpp"
#include "util/strings.hpp"

namespace userpkg {
namespace {

// PyTorch's CUDA wheels from 2.6 on are manylinux_2_28.
const Version torch_glibc_floor = Version::parse("2.28");

void add_platform(const GpuFacts& facts, std::vector<Finding>& out) {
  if (!facts.glibc && !facts.glibc_override) {
    out.push_back({"gpu.glibc-unknown", Severity::warning, "this machine's glibc version is unknown", facts.running_glibc,
                   "export USERPKG_GLIBC=2.N   (what `ldd --version` says), before installing wheels or PyTorch"});
  } else if (!facts.glibc) {
    out.push_back({"gpu.glibc-override-invalid", Severity::error, "USERPKG_GLIBC is invalid: " + facts.glibc_error, "",
                   "export USERPKG_GLIBC=2.17   (any 2.N), or unset USERPKG_GLIBC"});
  } else {
    const std::string v = facts.glibc->version.str();
    Finding f{"gpu.platform", Severity::ok, "glibc " + v + ", " + facts.arch.machine, "", ""};
    if (facts.arch.supported())
      f.detail = "wheels: linux_" + facts.arch.wheel + " and manylinux_2_N_" + facts.arch.wheel + " with N <= " +
                 std::to_string(facts.glibc->version.parts().size() > 1 ? facts.glibc->version.parts()[1].number : 0) +
                 "; NVIDIA redistributables: " + facts.arch.redist;
    if (facts.glibc->source == "USERPKG_GLIBC") {
      f.id = "gpu.glibc-override";
      f.severity = Severity::note;
      f.title = "glibc " + v + " from USERPKG_GLIBC (this machine runs " + facts.running_glibc + "), " +
                facts.arch.machine;
      f.fix = "unset USERPKG_GLIBC   (to plan for this machine)";
    }
    out.push_back(std::move(f));
    if (facts.glibc->version < torch_glibc_floor)
      out.push_back({"gpu.glibc-old", Severity::note,
                     "glibc " + v + " is older than 2.28: PyTorch 2.6 and later publish no CUDA wheels for it",
                     "their CUDA wheels are manylinux_2_28: on this glibc only an older torch fits.", ""});
  }
  if (!facts.arch.supported())
    out.push_back({"gpu.arch-unsupported", Severity::warning,
                   "CPU architecture " + facts.arch.machine +
                       ": no PyTorch wheels or NVIDIA redistributables are published for it",
                   "userpkg knows x86_64, aarch64 (SBSA) and ppc64le.", ""});
}

void add_driver(const GpuFacts& facts, std::vector<Finding>& out) {
  if (!facts.driver) {
    out.push_back({"gpu.driver-override-invalid", Severity::error, "USERPKG_CUDA_DRIVER is invalid: " + facts.driver_error,
                   "", "export USERPKG_CUDA_DRIVER=12.2   (or none), or unset USERPKG_CUDA_DRIVER to detect the driver"});
    return;
  }
  const NvidiaDriver& d = *facts.driver;
  const bool overridden = d.source == "USERPKG_CUDA_DRIVER";
  const std::string how_found = join(d.notes, "\n");
  if (!d.present) {
    out.push_back({"gpu.no-driver", Severity::note, describe_driver(d) + ": CPU-only wheels will be chosen",
                   overridden ? "detection skipped: USERPKG_CUDA_DRIVER=none" : how_found,
                   overridden ? "unset USERPKG_CUDA_DRIVER   (to detect the driver)" : ""});
    return;
  }
  if (!d.max_cuda) {
    out.push_back({"gpu.driver-too-old", Severity::warning,
                   describe_driver(d) + ": CPU-only wheels will be chosen", how_found,
                   "ask the administrator for a newer NVIDIA driver (CUDA 11.0 needs >= " + oldest_known_driver().str() +
                       ", CUDA " + cuda_driver_table().front().cuda + " >= " + cuda_driver_table().front().driver + ")"});
    return;
  }
  Finding f{"gpu.driver", overridden ? Severity::note : Severity::ok,
            describe_driver(d) + ": CUDA builds up to " + major_minor(*d.max_cuda).str() + " will be chosen", how_found,
            overridden ? "unset USERPKG_CUDA_DRIVER   (to detect the driver)" : ""};
  out.push_back(std::move(f));
}

bool valid_entry(const std::string& entry) {
  // An index, or a GPU/MIG UUID (nvidia-smi -L), which CUDA also accepts shortened to a unique prefix.
  // By hand: std::regex recursed once per character, and a 120,000-character entry overflowed the stack.
  const std::string_view e = entry, digits = "0123456789", hex = "0123456789abcdefABCDEF-",
                         alnum = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ/-";
  auto uuid = [&](std::string_view head, std::string_view allowed) {  // its first character no '-' or '/'
    return e.starts_with(head) && e.size() > head.size() && e[head.size()] != '-' && e[head.size()] != '/' &&
           e.find_first_not_of(allowed, head.size()) == std::string_view::npos;
  };
  return (!e.empty() && e.find_first_not_of(digits) == std::string_view::npos) || uuid("GPU-", hex) ||
         uuid("MIG-", alnum);
}

// False for an index at or past gpu_count (unknown count: every index may exist). UUIDs always pass.
bool index_may_exist(const std::string& entry, const std::optional<int>& gpu_count) {
  if (!gpu_count || entry.empty() || !std::isdigit(static_cast<unsigned char>(entry.front()))) return true;
  long index = 0;
  auto parsed = std::from_chars(entry.data(), entry.data() + entry.size(), index);
  return parsed.ec == std::errc() && index < *gpu_count;
}

std::string lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

// The GPU a GPU-<uuid> entry (or a unique prefix of one) names; true when the UUIDs are unknown.
// CUDA compares UUIDs as written by nvidia-smi (lower-case hex), so case is ignored here.
bool uuid_may_exist(const std::string& entry, const std::vector<std::string>& uuids, bool& ambiguous) {
  ambiguous = false;
  if (uuids.empty() || !entry.starts_with("GPU-")) return true;
  int matches = 0;
  for (const std::string& uuid : uuids)
    if (uuid.size() >= entry.size() && lower(uuid.substr(0, entry.size())) == lower(entry)) ++matches;
  ambiguous = matches > 1;
  return matches == 1;
}

}  // namespace

std::string parse_gpu_information_uuid(const std::string& text) {
  for (const std::string& line : split(text, '\n', true)) {
    auto colon = line.find(':');
    if (colon == std::string::npos || trim(line.substr(0, colon)) != "GPU UUID") continue;
    return std::string(trim(line.substr(colon + 1)));
  }
  return "";
}

std::vector<Finding> check_cuda_visible_devices(const std::optional<std::string>& value,
                                                const std::optional<int>& gpu_count, bool driver_present,
                                                const std::vector<std::string>& gpu_uuids) {
  std::vector<Finding> out;
  if (!value) return out;
  const Severity hides = driver_present ? Severity::warning : Severity::note;
  const std::string shown = "CUDA_VISIBLE_DEVICES=" + *value;
  if (trim(*value).empty()) {
    out.push_back({"gpu.visible-devices-empty", hides,
                   "CUDA_VISIBLE_DEVICES is set but empty: CUDA programs see no GPU",
                   "an empty list hides every GPU; unset means all GPUs are visible.",
                   "unset CUDA_VISIBLE_DEVICES   (and check where it is set: a job script or a startup file)"});
    return out;
  }
  const std::vector<std::string> raw = split(*value, ',', false);
  if (raw.size() == 1 && (trim(raw[0]) == "-1" || trim(raw[0]) == "NoDevFiles")) {
    out.push_back({"gpu.visible-devices-hidden", Severity::note, shown + " hides every GPU on purpose",
                   "batch systems set this for jobs that asked for no GPU.", "unset CUDA_VISIBLE_DEVICES"});
    return out;
  }
  std::vector<std::string> good;  // entries CUDA will use, in order
  std::set<std::string> seen;
  std::string problem;
  for (const std::string& r : raw) {
    const std::string entry(trim(r));
    if (!valid_entry(entry)) {
      problem = "'" + entry + "' is not a GPU index, GPU-<uuid> or MIG-<uuid>";
      break;
    }
    if (!seen.insert(entry).second) {
      problem = "'" + entry + "' is listed twice";
      break;
    }
    if (!index_may_exist(entry, gpu_count)) {
      problem = "GPU " + entry + " does not exist (this machine has " + std::to_string(*gpu_count) + " NVIDIA GPU" +
                (*gpu_count == 1 ? "" : "s") + ")";
      break;
    }
    if (bool ambiguous = false; !uuid_may_exist(entry, gpu_uuids, ambiguous)) {
      problem = ambiguous ? "'" + entry + "' is the start of more than one GPU's UUID"
                          : entry + " is no GPU of this machine (its GPUs: " + join(gpu_uuids, ", ") + ")";
      break;
    }
    good.push_back(entry);
  }
  if (!problem.empty()) {
    const std::string visible = good.empty() ? "no GPU is visible" : "only " + join(good, ",") + " will be visible";
    std::vector<std::string> fixed;
    for (const std::string& r : raw) {
      const std::string entry(trim(r));
      bool ambiguous = false;
      if (valid_entry(entry) && index_may_exist(entry, gpu_count) && uuid_may_exist(entry, gpu_uuids, ambiguous) &&
          std::find(fixed.begin(), fixed.end(), entry) == fixed.end())
        fixed.push_back(entry);
    }
    out.push_back({"gpu.visible-devices-invalid", hides, shown + ": " + problem,
                   "CUDA reads the list up to its first invalid entry and hides everything from there on: " + visible +
                       ".",
                   fixed.empty() ? "unset CUDA_VISIBLE_DEVICES" : "export CUDA_VISIBLE_DEVICES=" + join(fixed, ",")});
    return out;
  }
  out.push_back({"gpu.visible-devices", Severity::ok,
                 shown + ": " + std::to_string(good.size()) + " GPU" + (good.size() == 1 ? "" : "s") + " visible", "",
                 ""});
  return out;
}

std::vector<Finding> check_gpu(const GpuFacts& facts) {
  std::vector<Finding> out;
  add_platform(facts, out);
  add_driver(facts, out);
  auto visible = check_cuda_visible_devices(facts.cuda_visible_devices, facts.gpu_count,
                                            facts.driver && facts.driver->present, facts.gpu_uuids);
  out.insert(out.end(), visible.begin(), visible.end());
  return out;
}

}  // namespace userpkg
