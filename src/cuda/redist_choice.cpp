#include "cuda/redist_choice.hpp"

#include <algorithm>
#include <charconv>
#include <set>

#include "cuda/components.hpp"
#include "platform/cuda_driver_table.hpp"
#include "util/error.hpp"
#include "util/strings.hpp"

namespace userpkg::cuda {
namespace {

std::string trim_slashes(std::string_view text) {
  while (!text.empty() && text.front() == '/') text.remove_prefix(1);
  while (!text.empty() && text.back() == '/') text.remove_suffix(1);
  return std::string(text);
}

// "118" -> 118; nullopt unless 1 to 3 digits (a CUDA major, or major and minor).
std::optional<int> small_number(std::string_view digits) {
  int value = 0;
  if (digits.empty() || digits.size() > 3) return std::nullopt;
  auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (ec != std::errc() || end != digits.data() + digits.size()) return std::nullopt;
  return value;
}

// "cu121" -> 12, "cu118" -> 11; nullopt for auto, cpu and other words; an Error for "cu" with
// digits that are no CUDA version (cu99999999999999999999).
std::optional<int> major_of_cuda_setting(std::string_view setting) {
  if (setting.size() < 4 || setting.substr(0, 2) != "cu") return std::nullopt;
  std::string_view digits = setting.substr(2);
  if (!std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; })) return std::nullopt;
  // The last digit is the minor version: cu118 = 11.8, cu121 = 12.1, cu130 = 13.0.
  if (auto numbers = small_number(digits)) return *numbers / 10;
  throw Error("--cuda " + std::string(setting) + " is not a CUDA version",
              "cuXYZ names CUDA X.Y Z with a two-digit major (cu118 = CUDA 11.8, cu121 = CUDA 12.1)",
              "give --cuda auto (match the NVIDIA driver) or --cuda cu121");
}

std::string majors_text(const std::vector<int>& majors) {
  std::vector<std::string> parts;
  for (int m : majors) parts.push_back("cuda" + std::to_string(m));
  return join(parts, ", ");
}

}  // namespace

std::string archive_url(std::string_view redist_root, std::string_view product, std::string_view relative_path) {
  std::string root(redist_root);
  while (!root.empty() && root.back() == '/') root.pop_back();
  return root + "/" + trim_slashes(product) + "/redist/" + trim_slashes(relative_path);
}

RedistChoice choose_archives(const RedistSpec& spec, const std::string& package, const RedistManifest& manifest,
                             std::string_view options, std::string_view platform, std::optional<int> cuda_major) {
  RedistChoice choice;
  if (spec.components.empty()) {
    choice.names = parse_component_options(options);
    choice.keys = component_keys_for(choice.names, manifest);
  } else {
    if (!trim(options).empty())
      throw Error(package + " takes no component options such as '" + std::string(options) + "'",
                  "its recipe installs the fixed set: " + join(spec.components, ", "), "leave the options out");
    choice.names = spec.components;
    choice.keys = spec.components;
  }
  choice.entries = select_entries(manifest, choice.keys, platform, cuda_major);
  return choice;
}

std::string archive_url(std::string_view redist_root, std::string_view product, const RedistEntry& entry) {
  return entry.url.empty() ? archive_url(redist_root, product, entry.relative_path) : entry.url;
}

std::vector<int> published_cuda_majors(const RedistManifest& manifest, const std::vector<std::string>& keys,
                                       std::string_view platform) {
  std::set<int> majors;
  for (const std::string& key : keys) {
    auto component = manifest.components.find(key);
    if (component == manifest.components.end()) continue;
    auto archives = component->second.platforms.find(std::string(platform));
    if (archives == component->second.platforms.end()) continue;
    for (const auto& [variant, archive] : archives->second)
      if (variant.starts_with("cuda"))
        if (auto major = small_number(std::string_view(variant).substr(4))) majors.insert(*major);
  }
  return {majors.begin(), majors.end()};
}

CudaMajorChoice choose_cuda_major(const std::vector<int>& published, std::string_view cuda_setting,
                                  const std::optional<Version>& cuda_in_prefix, const NvidiaDriver& driver) {
  if (published.empty())
    throw Error("no CUDA variant is published for this release", "the manifest lists no cudaNN archive",
                "choose another release");
  if (auto major = major_of_cuda_setting(cuda_setting))
    return {*major, "--cuda " + std::string(cuda_setting)};
  if (cuda_in_prefix) {
    int major = static_cast<int>(cuda_in_prefix->parts().front().number);
    return {major, "the prefix's CUDA " + cuda_in_prefix->str()};
  }
  if (driver.present && driver.max_cuda) {
    int max_major = static_cast<int>(driver.max_cuda->parts().front().number);
    for (auto it = published.rbegin(); it != published.rend(); ++it)
      if (*it <= max_major) return {*it, "the driver supports CUDA up to " + driver.max_cuda->str()};
    return {published.front(), "the oldest published (" + majors_text(published) + "); the driver supports CUDA up to " +
                                   driver.max_cuda->str()};
  }
  return {published.back(), "the newest published (" + majors_text(published) + "); no NVIDIA driver to match"};
}

std::string check_driver(const NvidiaDriver& driver, const Version& cuda, bool force, const std::string& what,
                         const std::string& retry) {
  if (!driver.present)
    return "no NVIDIA driver on this machine (" + driver.source + "): installing " + what +
           " anyway; programs built with it run only where a driver supports CUDA " + major_minor(cuda).str();
  auto refusal = driver_refuses_cuda(driver, cuda);
  if (!refusal) return {};
  if (force) return "--force: installing " + what + " although " + *refusal;
  std::string hint = retry.empty() ? std::string() : "install a release this driver supports: `" + retry + "`; ";
  hint += "or add --force to install anyway (to compile on a machine whose GPU driver is newer), or update the driver";
  throw Error("the NVIDIA driver on this machine cannot run " + what, *refusal, hint);
}

std::optional<Version> newest_supported(const std::vector<Version>& versions, const Version& max_cuda) {
  std::optional<Version> best;
  for (const Version& v : versions)
    if (major_minor(v) <= major_minor(max_cuda) && (!best || v > *best)) best = v;
  return best;
}

std::vector<std::string> missing_components(const std::vector<std::string>& wanted, std::string_view installed) {
  std::vector<std::string> have = split(installed, ',', true);
  for (auto& h : have) h = std::string(trim(h));
  std::vector<std::string> missing;
  for (const std::string& w : wanted)
    if (std::find(have.begin(), have.end(), w) == have.end()) missing.push_back(w);
  return missing;
}

}  // namespace userpkg::cuda
