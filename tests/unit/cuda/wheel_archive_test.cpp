// Archives outside NVIDIA's redist root (NCCL's PyPI wheels): a leaf's absolute url, optional size,
// and [redist] strip selecting the wheel's nvidia/nccl folder.
#include <catch2/catch.hpp>

#include "cuda/archive_strip.hpp"
#include "cuda/components.hpp"
#include "cuda/redist_choice.hpp"
#include "cuda/redist_entry.hpp"
#include "cuda/redist_manifest.hpp"
#include "manifests.hpp"

using namespace userpkg::cuda;
using userpkg::archive::EntryInfo;
using userpkg::archive::EntryKind;
using userpkg::test::error_text;
using Catch::Matchers::Contains;

namespace {

const std::string kSha = "49d8350629c7888701d1fd200934942671cb5c728f49acc5a0b3a768820bed29";
const std::string kWheelUrl =
    "https://files.pythonhosted.org/packages/ac/9a/8b6a28b3b87d5fddab0e92cd835339eb8fbddaa71ae67518c8c1b3d05bae/"
    "nvidia_nccl_cu11-2.21.5-py3-none-manylinux2014_x86_64.whl";

std::string nccl_manifest(const std::string& leaf) {
  return R"({"release_label": "2.21.5", "release_product": "nccl",
             "nccl": {"version": "2.21.5", "cuda_variant": ["11"], "strip": "nvidia/nccl",
                      "linux-x86_64": {"cuda11": )" + leaf + "}}}";
}

EntryInfo dir(std::string name) { return {std::move(name), EntryKind::directory, {}, {}}; }
EntryInfo file(std::string name) { return {std::move(name), EntryKind::file, {}, {}}; }

// A wheel's entries as list_extracted names them (sorted, no trailing slash).
ArchiveListing nccl_wheel() {
  return {"nccl",
          "nvidia_nccl_cu12-2.25.1-py3-none-manylinux2014_x86_64.whl",
          {dir("nvidia"), file("nvidia/__init__.py"), dir("nvidia/nccl"), file("nvidia/nccl/__init__.py"),
           dir("nvidia/nccl/__pycache__"), file("nvidia/nccl/__pycache__/__init__.cpython-312.pyc"),
           dir("nvidia/nccl/include"), file("nvidia/nccl/include/__init__.py"), file("nvidia/nccl/include/nccl.h"),
           dir("nvidia/nccl/lib"), file("nvidia/nccl/lib/libnccl.so.2"), dir("nvidia/nccl_extra"),
           file("nvidia/nccl_extra/x.h"), dir("nvidia_nccl_cu12-2.25.1.dist-info"),
           file("nvidia_nccl_cu12-2.25.1.dist-info/RECORD")}};
}

}  // namespace

TEST_CASE("wheel archives: absolute URLs that are safe to fetch and cache", "[cuda]") {
  CHECK(url_problem(kWheelUrl).empty());
  CHECK(url_problem("http://127.0.0.1:8080/nccl/fake.whl").empty());
  CHECK_THAT(url_problem("ftp://host/a.whl"), Contains("https://"));
  CHECK_THAT(url_problem("nvidia/a.whl"), Contains("https://"));
  CHECK_THAT(url_problem("https:///a.whl"), Contains("no host"));
  CHECK_THAT(url_problem("https://host"), Contains("no file"));
  CHECK_THAT(url_problem("https://host/dir/"), Contains("file name"));
  CHECK_THAT(url_problem("https://host/dir/.."), Contains("file name"));
  CHECK_THAT(url_problem("https://host/a.whl?x=1"), Contains("'?'"));
  CHECK_THAT(url_problem("https://host/a b.whl"), Contains("space"));
}

TEST_CASE("wheel archives: a manifest leaf with url instead of relative_path", "[cuda]") {
  RedistManifest m = parse_redist_manifest(nccl_manifest(R"({"url": ")" + kWheelUrl + R"(", "sha256": ")" + kSha + "\"}"), "t");
  const RedistArchive& a = m.components.at("nccl").platforms.at("linux-x86_64").at("cuda11");
  CHECK(a.url == kWheelUrl);
  CHECK(a.relative_path.empty());
  CHECK(a.size == 0);  // PyPI's sha256 is published, the size is not required

  std::vector<RedistEntry> entries = select_entries(m, {"nccl"}, "linux-x86_64", 11);
  REQUIRE(entries.size() == 1);
  CHECK(entries[0].url == kWheelUrl);
  CHECK(entries[0].strip == "nvidia/nccl");
  CHECK_NOTHROW(validate_entry(entries[0], "nccl.toml"));
  CHECK(archive_file_name(entries[0]) == "nvidia_nccl_cu11-2.21.5-py3-none-manylinux2014_x86_64.whl");
  CHECK(archive_url("https://mirror/", "nccl", entries[0]) == kWheelUrl);  // the redist root is not used

  RedistEntry nvidia{"cuda_nvcc", "cuda_nvcc/linux-x86_64/a.tar.xz", kSha, 1, "", ""};
  CHECK(archive_url("https://r/", "cuda", nvidia) == "https://r/cuda/redist/cuda_nvcc/linux-x86_64/a.tar.xz");

  CHECK(parse_redist_manifest(nccl_manifest(R"({"url": ")" + kWheelUrl + R"(", "sha256": ")" + kSha +
                                            R"(", "size": "1234"})"),
                              "t")
            .components.at("nccl").platforms.at("linux-x86_64").at("cuda11").size == 1234);
}

TEST_CASE("wheel archives: broken url leaves are refused", "[cuda]") {
  auto refusal = [](const std::string& leaf) { return error_text([&] { parse_redist_manifest(nccl_manifest(leaf), "nccl.toml"); }); };
  CHECK_THAT(refusal(R"({"url": "file:///etc/a.whl", "sha256": ")" + kSha + "\"}"), Contains("unusable url"));
  CHECK_THAT(refusal(R"({"url": ")" + kWheelUrl + "\"}"), Contains("no sha256"));
  CHECK_THAT(refusal(R"({"url": ")" + kWheelUrl + R"(", "relative_path": "a/b.whl", "sha256": ")" + kSha + "\"}"),
             Contains("both relative_path and url"));
  CHECK_THAT(refusal(R"({"url": 5, "sha256": ")" + kSha + "\"}"), Contains("url that is not a string"));
  // NVIDIA's own leaves still need their size, and a size is never 0.
  CHECK_THAT(refusal(R"({"relative_path": "a/b.tar.xz", "sha256": ")" + kSha + "\"}"), Contains("has no size"));
  CHECK_THAT(refusal(R"({"relative_path": "a/b.tar.xz", "sha256": ")" + kSha + R"(", "size": "0"})"),
             Contains("not a number"));

  const std::string bad_strip = R"({"release_label": "2.21.5", "release_product": "nccl",
      "nccl": {"version": "2.21.5", "cuda_variant": ["11"], "strip": "../x",
               "linux-x86_64": {"cuda11": {"url": ")" + kWheelUrl + R"(", "sha256": ")" + kSha + R"("}}}})";
  CHECK_THAT(error_text([&] { parse_redist_manifest(bad_strip, "nccl.toml"); }), Contains("unusable strip \"../x\""));
  RedistEntry entry{"nccl", "", kSha, 0, "https://host/", ""};
  CHECK_THAT(error_text([&] { validate_entry(entry, "nccl.toml"); }), Contains("unusable url"));
}

TEST_CASE("wheel archives: strip selects nvidia/nccl and drops the rest", "[cuda]") {
  CHECK(strip_problem("nvidia/nccl").empty());
  CHECK(strip_problem("nvidia/nccl/").empty());
  CHECK_THAT(strip_problem("../nccl"), Contains(".."));
  CHECK_THAT(strip_problem("/nvidia"), Contains("absolute"));
  CHECK_THAT(strip_problem(""), Contains("empty"));
  CHECK(strip_parent("nvidia/nccl") == "nvidia");
  CHECK(strip_parent("nvidia/nccl/") == "nvidia");
  CHECK(strip_parent("nccl") == "");

  ArchiveListing selected = select_subtree(nccl_wheel(), "nvidia/nccl");
  std::vector<std::string> names;
  for (const EntryInfo& e : selected.entries) names.push_back(e.name);
  CHECK(names == std::vector<std::string>{"nccl", "nccl/include", "nccl/include/nccl.h", "nccl/lib", "nccl/lib/libnccl.so.2"});

  // The selection is what plan_merge takes: one top folder, stripped.
  MergePlan plan = plan_merge({selected});
  CHECK(plan.top_folders == std::vector<std::string>{"nccl"});
  std::vector<std::string> targets;
  for (const PlannedEntry& e : plan.entries) targets.push_back(e.target);
  CHECK(std::find(targets.begin(), targets.end(), "include/nccl.h") != targets.end());
  CHECK(std::find(targets.begin(), targets.end(), "lib/libnccl.so.2") != targets.end());
  for (const std::string& t : targets) CHECK(t.find("dist-info") == std::string::npos);
  CHECK(runtime_library_dirs(plan) == std::vector<std::string>{"lib"});

  // A strip at the archive's top level keeps names as they are.
  CHECK(select_subtree(nccl_wheel(), "nvidia_nccl_cu12-2.25.1.dist-info").entries.size() == 2);
}

TEST_CASE("wheel archives: a strip folder the archive lacks is refused", "[cuda]") {
  CHECK_THAT(error_text([] { select_subtree(nccl_wheel(), "nvidia/cudnn"); }),
             Contains("has no folder \"nvidia/cudnn\"") && Contains("nvidia_nccl_cu12-2.25.1"));
  CHECK_THAT(error_text([] { select_subtree(nccl_wheel(), "nvidia/nccl/include/nccl.h"); }), Contains("is not a folder"));
}
