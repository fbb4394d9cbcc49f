#include "cuda/redist_manifest.hpp"

#include <algorithm>

#include "cuda/archive_strip.hpp"
#include "cuda/redist_entry.hpp"
#include "util/error.hpp"
#include "util/input_limits.hpp"
#include "util/strings.hpp"

namespace userpkg::cuda {
namespace {

const char* const kFormatHint =
    "Use NVIDIA's redistrib_<version>.json unchanged, or correct the entry as NVIDIA writes it.";

[[noreturn]] void refuse(std::string_view origin, const std::string& what, const std::string& why) {
  throw Error(std::string(origin) + ": " + what, why, kFormatHint);
}

std::string type_of(const nlohmann::json& value) { return value.type_name(); }

// A value for a message: a short scalar as JSON, anything else by its type. Never the whole value:
// dump() recurses per level, and the value comes from a download.
std::string shown_value(const nlohmann::json& value) {
  if (value.is_structured()) return "a JSON " + type_of(value);
  std::string text = value.dump();
  return text.size() <= 40 ? text : text.substr(0, 37) + "...";
}

// A string member of `object`; "" when absent. Present with another type: refused.
std::string optional_string(const nlohmann::json& object, const char* key, std::string_view origin,
                            const std::string& where) {
  auto it = object.find(key);
  if (it == object.end()) return {};
  if (!it->is_string()) refuse(origin, where + " has a \"" + key + "\" that is not a string", "it is a " + type_of(*it));
  return it->get<std::string>();
}

// "cuda11", "cuda12": a CUDA major of at most 3 digits.
bool is_variant_key(std::string_view key) {
  return key.size() > 4 && key.size() <= 7 && key.substr(0, 4) == "cuda" &&
         std::all_of(key.begin() + 4, key.end(), [](char c) { return c >= '0' && c <= '9'; });
}

RedistArchive parse_leaf(const nlohmann::json& leaf, std::string_view origin, const std::string& where) {
  if (!leaf.is_object()) refuse(origin, where + " is not an object", "it is a " + type_of(leaf));
  RedistArchive archive;

  auto path = leaf.find("relative_path");
  auto url = leaf.find("url");
  if (path != leaf.end() && url != leaf.end())
    refuse(origin, where + " has both relative_path and url", "an archive lies under the redist root or at its own URL");
  if (url != leaf.end()) {
    if (!url->is_string()) refuse(origin, where + " has a url that is not a string", "it is a " + type_of(*url));
    archive.url = url->get<std::string>();
    if (std::string why = url_problem(archive.url); !why.empty())
      refuse(origin, where + " has an unusable url \"" + archive.url + "\"", why);
  } else {
    if (path == leaf.end() || !path->is_string())
      refuse(origin, where + " has no relative_path string", "every archive names its path under the redist root");
    archive.relative_path = path->get<std::string>();
    if (std::string why = relative_path_problem(archive.relative_path); !why.empty())
      refuse(origin, where + " has an unusable relative_path \"" + archive.relative_path + "\"", why);
  }

  auto sha = leaf.find("sha256");
  if (sha == leaf.end() || !sha->is_string())
    refuse(origin, where + " has no sha256 string", "userpkg installs nothing it cannot verify");
  std::string sha_text = sha->get<std::string>();
  if (std::string why = sha256_problem(sha_text); !why.empty())
    refuse(origin, where + " has an unusable sha256 \"" + sha_text + "\"", why);
  archive.sha256 = lowercase_sha256(sha_text);

  archive.md5 = optional_string(leaf, "md5", origin, where);

  auto size = leaf.find("size");
  if (size == leaf.end() && !archive.url.empty()) return archive;  // publishers of wheels state none
  if (size == leaf.end()) refuse(origin, where + " has no size", "every archive states its size in bytes");
  bool ok = false;
  if (size->is_string()) ok = parse_size_text(size->get_ref<const std::string&>(), archive.size);
  else if (size->is_number_unsigned() || (size->is_number_integer() && size->get<std::int64_t>() >= 0))
    ok = true, archive.size = size->get<std::uint64_t>();
  ok = ok && archive.size > 0;
  if (!ok) refuse(origin, where + " has a size that is not a number: " + shown_value(*size), "NVIDIA writes sizes as decimal strings such as \"1015888\" (never 0)");
  return archive;
}

std::vector<std::string> parse_cuda_variants(const nlohmann::json& value, std::string_view origin,
                                             const std::string& where) {
  if (!value.is_array()) refuse(origin, where + " has a cuda_variant that is not a list", "it is a " + type_of(value));
  std::vector<std::string> variants;
  for (const auto& item : value) {
    std::string text = item.is_string() ? item.get<std::string>() : std::string();
    if (!is_variant_key("cuda" + text))
      refuse(origin, where + " has a cuda_variant entry " + shown_value(item) + " that is not a CUDA major version",
             "cuDNN writes them as strings such as \"11\" and \"12\"");
    variants.push_back(text);
  }
  return variants;
}

void parse_platform(RedistComponent& component, const std::string& platform, const nlohmann::json& value,
                    std::string_view origin) {
  std::string where = "component \"" + component.key + "\", platform \"" + platform + "\"";
  auto& archives = component.platforms[platform];
  if (value.contains("relative_path") || value.contains("url")) {
    archives[""] = parse_leaf(value, origin, where);
    return;
  }
  if (value.empty()) refuse(origin, where + " is empty", "a platform holds one archive, or one per CUDA variant");
  for (const auto& [key, leaf] : value.items()) {
    if (!is_variant_key(key))
      refuse(origin, where + " has no relative_path and an unexpected member \"" + key + "\"",
             "a platform is either one archive or a map from \"cuda11\", \"cuda12\", … to archives");
    bool listed = component.cuda_variants.empty() ||
                  std::find(component.cuda_variants.begin(), component.cuda_variants.end(), key.substr(4)) !=
                      component.cuda_variants.end();
    if (!listed)
      refuse(origin, where + " has variant \"" + key + "\", which its cuda_variant list does not name",
             "cuda_variant lists: " + join(component.cuda_variants, ", "));
    archives[key] = parse_leaf(leaf, origin, where + ", variant \"" + key + "\"");
  }
}

RedistComponent parse_component(const std::string& key, const nlohmann::json& object, std::string_view origin) {
  RedistComponent component;
  component.key = key;
  std::string where = "component \"" + key + "\"";
  component.name = optional_string(object, "name", origin, where);
  component.license = optional_string(object, "license", origin, where);
  component.license_path = optional_string(object, "license_path", origin, where);
  component.version = optional_string(object, "version", origin, where);
  if (component.version.empty()) refuse(origin, where + " has no version", "every component states its version");
  component.strip = optional_string(object, "strip", origin, where);
  if (object.contains("strip"))
    if (std::string why = strip_problem(component.strip); !why.empty())
      refuse(origin, where + " has an unusable strip \"" + component.strip + "\"", why);
  if (auto it = object.find("cuda_variant"); it != object.end())
    component.cuda_variants = parse_cuda_variants(*it, origin, where);

  // Every object member is a platform; other strings and values are descriptive metadata.
  for (const auto& [member, value] : object.items())
    if (value.is_object()) parse_platform(component, member, value, origin);
  if (component.platforms.empty())
    refuse(origin, where + " lists no platform", "a component maps platforms such as \"linux-x86_64\" to archives");
  return component;
}

}  // namespace

RedistManifest redist_manifest_from_json(const nlohmann::json& json, std::string_view origin) {
  if (!json.is_object()) refuse(origin, "the manifest is not a JSON object", "it is a " + type_of(json));
  RedistManifest manifest;
  const std::string top = "the manifest";
  manifest.release_date = optional_string(json, "release_date", origin, top);
  manifest.release_label = optional_string(json, "release_label", origin, top);
  manifest.release_product = optional_string(json, "release_product", origin, top);
  if (manifest.release_label.empty())
    refuse(origin, "the manifest has no release_label", "NVIDIA's manifests name their release, such as \"12.1.1\"");

  for (const auto& [key, value] : json.items()) {
    if (key == "release_date" || key == "release_label" || key == "release_product") continue;
    if (value.is_string()) manifest.metadata[key] = value.get<std::string>();
    else if (value.is_object()) manifest.components[key] = parse_component(key, value, origin);
    else refuse(origin, "the manifest has a top-level \"" + key + "\" that is neither text nor a component",
                "it is a " + type_of(value));
  }
  if (manifest.components.empty())
    refuse(origin, "the manifest lists no component", "a manifest holds one object per component, such as \"cuda_cudart\"");
  return manifest;
}

RedistManifest parse_redist_manifest(std::string_view text, std::string_view origin) {
  check_json_input(text, std::string(origin), kRedistManifestLimits,
                   "Download it again; if it stays broken, pin another release.");
  nlohmann::json json;
  try {
    json = nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error& e) {
    throw Error(std::string(origin) + ": the manifest is not valid JSON", e.what(),
                "Download it again; if it stays broken, pin another release.");
  }
  return redist_manifest_from_json(json, origin);
}

}  // namespace userpkg::cuda
