#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "cuda/redist_manifest.hpp"
#include "manifests.hpp"

using namespace userpkg::cuda;
using userpkg::test::error_text;
using userpkg::test::kCuda1211Manifest;
using userpkg::test::kCudnn897Manifest;
using Catch::Matchers::Contains;

namespace {

// The 12.1.1 manifest with one change applied, as text, and the error parsing it gives.
template <typename Change>
std::string error_after(const char* manifest, Change&& change) {
  nlohmann::json json = nlohmann::json::parse(manifest);
  change(json);
  return error_text([&] { parse_redist_manifest(json.dump(), "redistrib_12.1.1.json"); });
}

}  // namespace

TEST_CASE("redist manifest: CUDA 12.1.1 as NVIDIA writes it", "[cuda]") {
  RedistManifest m = parse_redist_manifest(kCuda1211Manifest, "redistrib_12.1.1.json");
  CHECK(m.release_date == "2023-04-18");
  CHECK(m.release_label == "12.1.1");
  CHECK(m.release_product == "cuda");
  CHECK(m.metadata.empty());
  REQUIRE(m.components.size() == 4);

  const RedistComponent& cudart = m.components.at("cuda_cudart");
  CHECK(cudart.key == "cuda_cudart");
  CHECK(cudart.name == "CUDA Runtime (cudart)");
  CHECK(cudart.license == "CUDA Toolkit");
  CHECK(cudart.license_path == "cuda_cudart/LICENSE.txt");
  CHECK(cudart.version == "12.1.105");
  CHECK(cudart.cuda_variants.empty());
  CHECK(cudart.platforms.size() == 4);

  const RedistArchive& x86 = cudart.platforms.at("linux-x86_64").at("");
  CHECK(x86.relative_path == "cuda_cudart/linux-x86_64/cuda_cudart-linux-x86_64-12.1.105-archive.tar.xz");
  CHECK(x86.sha256 == "6096ec878c8c443258d39c6e9cf2decef127f8aa8da594fdc5a336d047ab6bd9");
  CHECK(x86.md5 == "1f8b4ac7d1e5a2c0d9b3e6f7a8c9d0e1");
  CHECK(x86.size == 1000304);
  // Digests are stored lowercase, whatever case the manifest used.
  CHECK(cudart.platforms.at("linux-sbsa").at("").sha256 ==
        "c1b1f0d9a8e7f6d5c4b3a2918f7e6d5c4b3a2918f7e6d5c4b3a2918f7e6d5c4b");
  CHECK(m.components.at("libcublas").platforms.at("linux-x86_64").at("").size == 562418764);
}

TEST_CASE("redist manifest: cuDNN's per-CUDA variants", "[cuda]") {
  RedistManifest m = parse_redist_manifest(kCudnn897Manifest, "redistrib_8.9.7.json");
  CHECK(m.release_product == "cudnn");
  const RedistComponent& cudnn = m.components.at("cudnn");
  CHECK(cudnn.version == "8.9.7.29");
  CHECK(cudnn.cuda_variants == std::vector<std::string>{"11", "12"});
  const auto& x86 = cudnn.platforms.at("linux-x86_64");
  REQUIRE(x86.size() == 2);
  CHECK(x86.at("cuda12").relative_path == "cudnn/linux-x86_64/cudnn-linux-x86_64-8.9.7.29_cuda12-archive.tar.xz");
  CHECK(x86.at("cuda11").size == 860967256);
  CHECK(cudnn.platforms.at("linux-sbsa").count("cuda11") == 0);
}

TEST_CASE("redist manifest: unknown top-level strings are metadata, component strings are ignored", "[cuda]") {
  std::string err = error_after(kCuda1211Manifest, [](nlohmann::json& j) {
    j["release_note"] = "see the release notes";
    j["cuda_cudart"]["description"] = "runtime";
  });
  CHECK(err.empty());
  nlohmann::json j = nlohmann::json::parse(kCuda1211Manifest);
  j["release_note"] = "see the release notes";
  RedistManifest m = redist_manifest_from_json(j, "m.json");
  CHECK(m.metadata.at("release_note") == "see the release notes");
  CHECK(m.components.count("release_note") == 0);
  // A size NVIDIA might one day write as a number is read too.
  j["cuda_cudart"]["linux-x86_64"]["size"] = 42;
  CHECK(redist_manifest_from_json(j, "m.json").components.at("cuda_cudart").platforms.at("linux-x86_64").at("").size == 42);
}

TEST_CASE("redist manifest: broken leaves are refused, naming component and platform", "[cuda]") {
  auto leaf = [](nlohmann::json& j) -> nlohmann::json& { return j["cuda_nvcc"]["linux-sbsa"]; };

  std::string err = error_after(kCuda1211Manifest, [&](nlohmann::json& j) { leaf(j).erase("sha256"); });
  CHECK_THAT(err, Contains("redistrib_12.1.1.json") && Contains("cuda_nvcc") && Contains("linux-sbsa") &&
                      Contains("no sha256"));

  err = error_after(kCuda1211Manifest, [&](nlohmann::json& j) { leaf(j)["sha256"] = "abc123"; });
  CHECK_THAT(err, Contains("unusable sha256") && Contains("6 characters"));

  err = error_after(kCuda1211Manifest, [&](nlohmann::json& j) { leaf(j)["sha256"] = std::string(64, 'g'); });
  CHECK_THAT(err, Contains("not a hex digit"));

  err = error_after(kCuda1211Manifest, [&](nlohmann::json& j) { leaf(j)["relative_path"] = "cuda_nvcc/../../etc/passwd"; });
  CHECK_THAT(err, Contains("unusable relative_path") && Contains(".."));

  err = error_after(kCuda1211Manifest, [&](nlohmann::json& j) { leaf(j)["relative_path"] = "/cuda_nvcc/x.tar.xz"; });
  CHECK_THAT(err, Contains("absolute"));

  err = error_after(kCuda1211Manifest, [&](nlohmann::json& j) { leaf(j).erase("relative_path"); });
  CHECK_THAT(err, Contains("no relative_path"));

  for (nlohmann::json bad : {nlohmann::json("12a"), nlohmann::json(""), nlohmann::json("-1"), nlohmann::json(-1),
                             nlohmann::json(1.5), nlohmann::json("99999999999999999999999")}) {
    err = error_after(kCuda1211Manifest, [&](nlohmann::json& j) { leaf(j)["size"] = bad; });
    INFO(bad.dump());
    CHECK_THAT(err, Contains("size that is not a number"));
  }
  err = error_after(kCuda1211Manifest, [&](nlohmann::json& j) { leaf(j).erase("size"); });
  CHECK_THAT(err, Contains("has no size"));

  err = error_after(kCuda1211Manifest, [&](nlohmann::json& j) { leaf(j)["md5"] = 5; });
  CHECK_THAT(err, Contains("\"md5\" that is not a string"));
}

TEST_CASE("redist manifest: broken structure is refused", "[cuda]") {
  CHECK_THAT(error_text([] { parse_redist_manifest("{\"release_label\": ", "m.json"); }),
             Contains("m.json: the manifest is not valid JSON"));
  CHECK_THAT(error_text([] { parse_redist_manifest("[1, 2]", "m.json"); }), Contains("not a JSON object"));

  CHECK_THAT(error_after(kCuda1211Manifest, [](nlohmann::json& j) { j.erase("release_label"); }),
             Contains("no release_label"));
  CHECK_THAT(error_after(kCuda1211Manifest, [](nlohmann::json& j) { j["release_label"] = 12; }),
             Contains("\"release_label\" that is not a string"));
  CHECK_THAT(error_after(kCuda1211Manifest, [](nlohmann::json& j) { j["oops"] = nlohmann::json::array(); }),
             Contains("\"oops\" that is neither text nor a component"));
  CHECK_THAT(error_after(kCuda1211Manifest, [](nlohmann::json& j) { j["cuda_nvcc"].erase("version"); }),
             Contains("component \"cuda_nvcc\" has no version"));
  CHECK_THAT(error_after(kCuda1211Manifest,
                         [](nlohmann::json& j) {
                           j["libcublas"].erase("linux-x86_64");
                         }),
             Contains("component \"libcublas\" lists no platform"));
  CHECK_THAT(error_after(kCuda1211Manifest,
                         [](nlohmann::json& j) {
                           for (const char* k : {"cuda_cccl", "cuda_cudart", "cuda_nvcc", "libcublas"}) j.erase(k);
                         }),
             Contains("lists no component"));
  // A platform that is neither a leaf nor a cudaNN map.
  CHECK_THAT(error_after(kCuda1211Manifest,
                         [](nlohmann::json& j) { j["cuda_nvcc"]["linux-x86_64"] = {{"path", "x"}}; }),
             Contains("unexpected member \"path\""));
  CHECK_THAT(error_after(kCuda1211Manifest,
                         [](nlohmann::json& j) { j["cuda_nvcc"]["linux-x86_64"] = nlohmann::json::object(); }),
             Contains("platform \"linux-x86_64\" is empty"));
}

TEST_CASE("redist manifest: cuDNN variants must match cuda_variant", "[cuda]") {
  CHECK_THAT(error_after(kCudnn897Manifest,
                         [](nlohmann::json& j) {
                           j["cudnn"]["linux-x86_64"]["cuda13"] = j["cudnn"]["linux-x86_64"]["cuda12"];
                         }),
             Contains("variant \"cuda13\", which its cuda_variant list does not name"));
  CHECK_THAT(error_after(kCudnn897Manifest,
                         [](nlohmann::json& j) { j["cudnn"]["cuda_variant"] = nlohmann::json::array({11, 12}); }),
             Contains("not a CUDA major version"));
  CHECK_THAT(error_after(kCudnn897Manifest, [](nlohmann::json& j) { j["cudnn"]["cuda_variant"] = "12"; }),
             Contains("cuda_variant that is not a list"));
  CHECK_THAT(error_after(kCudnn897Manifest,
                         [](nlohmann::json& j) { j["cudnn"]["linux-sbsa"]["cuda12"].erase("sha256"); }),
             Contains("platform \"linux-sbsa\", variant \"cuda12\" has no sha256"));
}

TEST_CASE("redist manifest: hostile nesting and huge variants are refused without a crash", "[cuda]") {
  // 100,000 levels in "size": nlohmann's dump() recursed per level while building the message.
  std::string deep = std::string(kCuda1211Manifest);
  const std::string size_key = "\"size\": ";
  deep.insert(deep.find(size_key) + size_key.size(), std::string(100000, '[') + std::string(100000, ']') + ", \"x\": ");
  CHECK_THAT(error_text([&] { parse_redist_manifest(deep, "redistrib_12.1.1.json"); }),
             Contains("redistrib_12.1.1.json:") && Contains("nests deeper than 64 levels"));
  // Shallow but structured: named by its type, never printed whole.
  std::string err = error_after(kCuda1211Manifest, [](nlohmann::json& j) {
    j["cuda_nvcc"]["linux-sbsa"]["size"] = nlohmann::json::array({nlohmann::json::array({1, 2})});
  });
  CHECK_THAT(err, Contains("size that is not a number: a JSON array"));
  err = error_after(kCuda1211Manifest, [](nlohmann::json& j) { j["cuda_nvcc"]["linux-sbsa"]["size"] = std::string(500, '9'); });
  CHECK_THAT(err, Contains("size that is not a number: \"9999"));
  CHECK(err.size() < 400);
  // A variant too long to be a CUDA major (stoi threw std::out_of_range: an internal error).
  CHECK_THAT(error_after(kCudnn897Manifest,
                         [](nlohmann::json& j) {
                           j["cudnn"]["cuda_variant"] = nlohmann::json::array({"11", "99999999999999999999"});
                         }),
             Contains("cuda_variant entry \"99999999999999999999\" that is not a CUDA major version"));
}
