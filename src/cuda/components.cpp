#include "cuda/components.hpp"

#include <algorithm>

#include "util/error.hpp"
#include "util/strings.hpp"

namespace userpkg::cuda {
namespace {

const std::vector<ComponentName> kNames = {
    {"cudart", "cuda_cudart", "CUDA runtime: libcudart, cuda_runtime.h"},
    {"nvcc", "cuda_nvcc", "CUDA compiler driver with ptxas, nvlink and nvvm"},
    {"nvrtc", "cuda_nvrtc", "runtime compilation library"},
    {"cublas", "libcublas", "dense linear algebra (cuBLAS, cuBLASLt)"},
    {"cufft", "libcufft", "fast Fourier transforms"},
    {"curand", "libcurand", "random number generation"},
    {"cusolver", "libcusolver", "dense and sparse solvers"},
    {"cusparse", "libcusparse", "sparse linear algebra"},
    {"cupti", "cuda_cupti", "profiling tools interface"},
};

struct Companion {
  std::string_view key;
  bool required;  // false: taken only where the manifest lists it
};

std::vector<Companion> companions_of(std::string_view key) {
  if (key == "cuda_nvcc")
    return {{"cuda_cudart", true}, {"cuda_cccl", true}, {"cuda_crt", false}, {"libnvvm", false}};
  if (key == "libcusolver")
    return {{"libcublas", true}, {"libcusparse", true}, {"libnvjitlink", false}};
  if (key == "libcusparse" || key == "libcufft") return {{"libnvjitlink", false}};
  return {};
}

const ComponentName* find_name(std::string_view name) {
  for (const auto& n : kNames)
    if (n.name == name || n.key == name) return &n;
  return nullptr;
}

std::string known_names() {
  std::vector<std::string> names;
  for (const auto& n : kNames) names.emplace_back(n.name);
  return join(names, ", ");
}

std::string suggestion_for(std::string_view name) {
  const ComponentName* best = nullptr;
  std::size_t best_distance = 0;
  for (const auto& n : kNames) {
    std::size_t d = std::min(edit_distance(name, n.name), edit_distance(name, n.key));
    if (!best || d < best_distance) best = &n, best_distance = d;
  }
  if (best && best_distance <= std::max<std::size_t>(2, name.size() / 3))
    return "Did you mean \"+" + std::string(best->name) + "\"?";
  return "The components are: " + known_names() + ".";
}

std::string listed_keys(const std::map<std::string, RedistComponent>& components) {
  std::vector<std::string> keys;
  for (const auto& [key, component] : components) keys.push_back(key);
  return join(keys, ", ");
}

template <typename Map>
std::string map_keys(const Map& map) {
  std::vector<std::string> keys;
  for (const auto& [key, value] : map) keys.push_back(key);
  return join(keys, ", ");
}

}  // namespace

const std::vector<ComponentName>& component_names() { return kNames; }

std::string component_key(std::string_view name) {
  if (const ComponentName* n = find_name(name)) return std::string(n->key);
  throw Error("unknown CUDA component \"" + std::string(name) + "\"", "the components are: " + known_names(),
              suggestion_for(name));
}

std::vector<std::string> default_component_names() { return {"cudart", "nvcc"}; }

std::vector<std::string> parse_component_options(std::string_view options) {
  std::vector<std::string> chosen = default_component_names();
  for (const std::string& token : split(options, ' ', true)) {
    if (token.front() != '+' && token.front() != '~')
      throw Error("cannot read the CUDA component option \"" + token + "\"",
                  "options add a component with +name or leave one out with ~name",
                  "Write it like: cuda@12.1 +nvcc +cublas");
    // "+cublas+cufft~nvcc": each name runs until the next + or ~.
    std::size_t pos = 0;
    while (pos < token.size()) {
      char sign = token[pos];
      std::size_t end = token.find_first_of("+~", pos + 1);
      if (end == std::string::npos) end = token.size();
      std::string name = token.substr(pos + 1, end - pos - 1);
      if (name.empty())
        throw Error("the CUDA component option \"" + token + "\" has a " + sign + " without a name",
                    "each + or ~ is followed by a component name", "Write it like: cuda@12.1 +nvcc +cublas");
      const ComponentName* n = find_name(name);
      if (!n)
        throw Error("unknown CUDA component \"" + name + "\" in \"" + token + "\"",
                    "the components are: " + known_names(), suggestion_for(name));
      std::string canonical(n->name);
      std::erase(chosen, canonical);
      if (sign == '+') chosen.push_back(canonical);
      pos = end;
    }
  }
  if (chosen.empty())
    throw Error("no CUDA component is left to install", "the options removed every default component",
                "Add one, for example +cudart.");
  std::vector<std::string> ordered;
  for (const auto& n : kNames)
    if (std::find(chosen.begin(), chosen.end(), n.name) != chosen.end()) ordered.emplace_back(n.name);
  return ordered;
}

std::vector<std::string> component_keys_for(const std::vector<std::string>& names, const RedistManifest& manifest) {
  std::vector<std::string> keys;
  auto add = [&](std::string_view key, bool required, std::string_view wanted_by) {
    std::string k(key);
    if (std::find(keys.begin(), keys.end(), k) != keys.end()) return;
    if (!manifest.components.count(k)) {
      if (!required) return;
      throw Error("CUDA " + manifest.release_label + " has no component \"" + k + "\"" +
                      (wanted_by == k ? std::string() : " (needed by " + std::string(wanted_by) + ")"),
                  "its manifest lists: " + listed_keys(manifest.components),
                  "Choose another release, or leave the component out.");
    }
    keys.push_back(std::move(k));
  };
  for (const std::string& name : names) {
    std::string key = component_key(name);
    add(key, true, key);
    for (const Companion& c : companions_of(key)) add(c.key, c.required, key);
  }
  return keys;
}

std::string redist_platform_for_arch(std::string_view machine) {
  if (machine == "x86_64" || machine == "amd64") return "linux-x86_64";
  if (machine == "aarch64" || machine == "arm64") return "linux-sbsa";
  throw Error("NVIDIA publishes no CUDA redistributables userpkg can use for the architecture \"" +
                  std::string(machine) + "\"",
              "userpkg supports linux-x86_64 and linux-sbsa (64-bit ARM servers)",
              "Install CUDA from your system's packages on this machine.");
}

std::vector<RedistEntry> select_entries(const RedistManifest& manifest, const std::vector<std::string>& keys,
                                        std::string_view platform, std::optional<int> cuda_major) {
  std::vector<RedistEntry> entries;
  const std::string release = manifest.release_product + " " + manifest.release_label;
  for (const std::string& key : keys) {
    auto component = manifest.components.find(key);
    if (component == manifest.components.end())
      throw Error(release + " has no component \"" + key + "\"", "its manifest lists: " + listed_keys(manifest.components),
                  "Choose another release, or leave the component out.");
    auto archives = component->second.platforms.find(std::string(platform));
    if (archives == component->second.platforms.end())
      throw Error(release + " publishes no " + key + " for " + std::string(platform),
                  "it is published for: " + map_keys(component->second.platforms),
                  "Choose another release, or leave the component out.");
    const auto& variants = archives->second;
    const RedistArchive* archive = nullptr;
    if (auto leaf = variants.find(""); leaf != variants.end()) {
      archive = &leaf->second;
    } else if (!cuda_major) {
      throw Error(release + " publishes " + key + " once per CUDA version", "available: " + map_keys(variants),
                  "Say which CUDA it is for (the CUDA major version, such as 12).");
    } else {
      auto chosen = variants.find("cuda" + std::to_string(*cuda_major));
      if (chosen == variants.end())
        throw Error(release + " publishes no " + key + " for CUDA " + std::to_string(*cuda_major) + " on " +
                        std::string(platform),
                    "available: " + map_keys(variants), "Choose a release built for your CUDA version.");
      archive = &chosen->second;
    }
    entries.push_back({key, archive->relative_path, archive->sha256, archive->size, archive->url,
                       component->second.strip});
  }
  return entries;
}

}  // namespace userpkg::cuda
