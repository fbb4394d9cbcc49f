#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "core/recipe_loader.hpp"
#include "cuda/redist_manifest.hpp"
#include "util/error.hpp"

using namespace userpkg;
using Catch::Matchers::Contains;

namespace {

const char* const kCarried = R"(
name = "cudnn"
summary = "cuDNN"

[redist]
product = "cudnn"
components = ["cudnn"]

[versions]
"8.9.7" = {}

[build]
system = "cuda-redist"

[redist.manifests."8.9.7"]
release_label = "8.9.7"
release_product = "cudnn"

[redist.manifests."8.9.7".cudnn]
version = "8.9.7.29"
cuda_variant = ["11", "12"]
linux-x86_64.cuda12 = { relative_path = "cudnn/linux-x86_64/cudnn-linux-x86_64-8.9.7.29_cuda12-archive.tar.xz", sha256 = "475333625c7e42a7af3ca0b2f7506a106e30c93b1aa0081cd9c13efb6e21e3bb", size = "864984964" }
)";

const char* const kPinned = R"(
name = "cuda"
summary = "CUDA"

[redist]
product = "cuda"

[source]
url = "https://example.org/cuda/redist/redistrib_{version}.json"

[versions]
"13.0.2" = { sha256 = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" }

[build]
system = "cuda-redist"
)";

std::string load_error(const std::string& text) {
  try {
    load_recipe(text, "r.toml", "");
  } catch (const Error& e) {
    return e.what();
  }
  return {};
}

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

}  // namespace

TEST_CASE("recipe [redist]: a carried manifest is a version without a file", "[recipe][cuda]") {
  Recipe r = load_recipe(kCarried, "cudnn.toml", "cudnn");
  CHECK(r.redist.product == "cudnn");
  CHECK(r.redist.components == std::vector<std::string>{"cudnn"});
  REQUIRE(r.versions.size() == 1);
  CHECK_FALSE(r.versions[0].has_file());
  REQUIRE(r.redist.manifests.count("8.9.7"));
  cuda::RedistManifest m = cuda::parse_redist_manifest(r.redist.manifests.at("8.9.7"), "x");
  CHECK(m.release_label == "8.9.7");
  CHECK(m.components.at("cudnn").platforms.at("linux-x86_64").at("cuda12").size == 864984964);
}

TEST_CASE("recipe [redist]: a pinned manifest is the version's file", "[recipe][cuda]") {
  Recipe r = load_recipe(kPinned, "cuda.toml", "cuda");
  REQUIRE(r.versions.size() == 1);
  CHECK(r.versions[0].has_file());
  CHECK(r.versions[0].primary.url == "https://example.org/cuda/redist/redistrib_13.0.2.json");
  CHECK(r.redist.manifests.empty());
}

TEST_CASE("recipe [redist]: problems are refused when the recipe loads", "[recipe][cuda]") {
  CHECK_THAT(load_error(replaced(kCarried, "\"8.9.7\" = {}", "\"8.9.8\" = {}")),
             Contains("8.9.8 has no [redist.manifests"));
  CHECK_THAT(load_error(replaced(kCarried, "sha256 = \"4753", "sha256 = \"zz53")), Contains("unusable sha256"));
  CHECK_THAT(load_error(replaced(kCarried, "components = [\"cudnn\"]", "components = [\"cudnn_jit\"]")),
             Contains("no component \"cudnn_jit\""));
  CHECK_THAT(load_error(replaced(kCarried, "\"8.9.7\" = {}", "\"8.9.7\" = { sha256 = \"" + std::string(64, 'a') + "\" }")),
             Contains("has its manifest in [redist.manifests] and a file"));
  CHECK_THAT(load_error(replaced(kPinned, "product = \"cuda\"\n", "")), Contains("missing 'product'"));
  CHECK_THAT(load_error(replaced(kPinned, "system = \"cuda-redist\"", "system = \"autotools\"")),
             Contains("[redist] belongs to recipes"));
}

TEST_CASE("recipe [redist]: url entries and strip for wheels (NCCL)", "[recipe][cuda]") {
  const std::string wheel = replaced(
      replaced(kCarried, "cuda_variant = [\"11\", \"12\"]", "cuda_variant = [\"11\", \"12\"]\nstrip = \"nvidia/nccl\""),
      "{ relative_path = \"cudnn/linux-x86_64/cudnn-linux-x86_64-8.9.7.29_cuda12-archive.tar.xz\"",
      "{ url = \"https://files.example.org/nvidia_nccl_cu12-2.25.1-py3-none-manylinux2014_x86_64.whl\"");
  Recipe r = load_recipe(replaced(wheel, ", size = \"864984964\"", ""), "nccl.toml", "cudnn");
  cuda::RedistManifest m = cuda::parse_redist_manifest(r.redist.manifests.at("8.9.7"), "x");
  CHECK(m.components.at("cudnn").strip == "nvidia/nccl");
  CHECK(m.components.at("cudnn").platforms.at("linux-x86_64").at("cuda12").url ==
        "https://files.example.org/nvidia_nccl_cu12-2.25.1-py3-none-manylinux2014_x86_64.whl");

  CHECK_THAT(load_error(replaced(wheel, "strip = \"nvidia/nccl\"", "strip = \"../nccl\"")), Contains("unusable strip"));
  CHECK_THAT(load_error(replaced(wheel, "{ url = \"https://", "{ url = \"ftp://")), Contains("unusable url"));
}
