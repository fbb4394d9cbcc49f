#include <catch2/catch.hpp>

#include <filesystem>

#include "core/recipe_loader.hpp"
#include "fetch/sha256.hpp"
#include "ops/plan_files.hpp"
#include "util/error.hpp"
#include "util/fs.hpp"

using namespace userpkg;
namespace fs = std::filesystem;
using Catch::Matchers::Contains;

namespace {

const std::string kSha1(64, '1'), kSha2(64, '2');

Recipe source_recipe(const std::string& name) {
  return load_recipe("name = \"" + name + "\"\nsummary = \"s\"\n[source]\nurl = \"https://example.org/" + name +
                         "-{version}.tar.bz2\"\n[source.alternates]\ntarxz = \"https://example.org/" + name +
                         "-{version}.tar.xz\"\n[versions]\n\"1.0\" = { sha256 = \"" + kSha1 + "\", tarxz = \"" +
                         kSha2 + "\" }\n[build]\nsystem = \"autotools\"\n",
                     name + ".toml", name);
}

// A CUDA release whose manifest the recipe carries: no file of its own, one archive.
const char* const kCuda = R"(
name = "cuda"
summary = "CUDA"

[redist]
product = "cuda"
components = ["cuda_cudart"]

[versions]
"12.0.0" = {}

[build]
system = "cuda-redist"

[redist.manifests."12.0.0"]
release_label = "12.0.0"
release_product = "cuda"

[redist.manifests."12.0.0".cuda_cudart]
version = "12.0.107"
linux-x86_64 = { relative_path = "cuda_cudart/linux-x86_64/cuda_cudart-linux-x86_64-12.0.107-archive.tar.xz", sha256 = "3333333333333333333333333333333333333333333333333333333333333333", size = "1234" }
)";

PlannedPackage planned(const Recipe& r, Action action) {
  PlannedPackage p;
  p.recipe = &r;
  p.version = &r.versions.front();
  p.action = action;
  return p;
}

}  // namespace

TEST_CASE("plan_files: the sources of what the plan builds, with their other formats, in plan order",
          "[plan_files]") {
  Recipe a = source_recipe("alpha"), b = source_recipe("beta"), c = source_recipe("gamma"), d = source_recipe("delta");
  Plan plan;
  plan.packages = {planned(a, Action::Build), planned(b, Action::Reuse), planned(c, Action::System),
                   planned(d, Action::Build), planned(a, Action::Build)};
  SilentReporter quiet;
  auto files = plan_files(plan, PrefixLayout{"/nonexistent-prefix"}, StackSettings{}, FetchSettings{}, quiet);
  REQUIRE(files.size() == 2);  // not the reused, not the system's, alpha once
  CHECK(files[0].recipe == "alpha");
  CHECK(files[1].recipe == "delta");
  REQUIRE(files[0].candidates.size() == 2);
  CHECK(files[0].preferred().file_name == "alpha-1.0.tar.bz2");
  CHECK(files[0].preferred().sha256 == kSha1);
  CHECK(files[0].candidates[1].file_name == "alpha-1.0.tar.xz");
  CHECK(files[0].candidates[1].url == "https://example.org/alpha-1.0.tar.xz");
  CHECK(files[0].candidates[1].sha256 == kSha2);
  CHECK(files[0].purpose == "source of alpha 1.0");
  CHECK_FALSE(files[0].size);
  FetchItem item = files[1].fetch_item();
  CHECK(item.recipe == "delta");
  CHECK(item.candidates.size() == 2);
}

TEST_CASE("plan_files: a cuda-redist release lists its chosen archives with their sizes", "[plan_files][cuda]") {
  Recipe cuda = load_recipe(kCuda, "cuda.toml", "cuda");
  Plan plan;
  plan.packages = {planned(cuda, Action::Build)};
  SilentReporter quiet;
  StackSettings stack;
  stack.cuda_redist = "https://mirror.example/nvidia/";
  auto files = plan_files(plan, PrefixLayout{"/nonexistent-prefix"}, stack, FetchSettings{}, quiet);
  REQUIRE(files.size() == 1);  // the manifest is the recipe's: no file for it
  CHECK(files[0].recipe == "cuda");
  CHECK(files[0].preferred().file_name == "cuda_cudart-linux-x86_64-12.0.107-archive.tar.xz");
  CHECK(files[0].preferred().url ==
        "https://mirror.example/nvidia/cuda/redist/cuda_cudart/linux-x86_64/"
        "cuda_cudart-linux-x86_64-12.0.107-archive.tar.xz");
  REQUIRE(files[0].size);
  CHECK(*files[0].size == 1234);
  CHECK_THAT(files[0].purpose, Contains("cuda_cudart archive of cuda 12.0.0"));
}

TEST_CASE("redist_archive_files: an entry with its own url keeps it; size 0 means unpublished", "[plan_files][cuda]") {
  Recipe cuda = load_recipe(kCuda, "cuda.toml", "cuda");
  PlannedPackage p = planned(cuda, Action::Build);
  cuda::RedistEntry e;
  e.component = "nccl";
  e.url = "https://files.example/nvidia_nccl_cu12-2.18.1-py3-none-manylinux1_x86_64.whl";
  e.sha256 = kSha1;
  auto files = redist_archive_files(p, {e}, "https://ignored.example/");
  REQUIRE(files.size() == 1);
  CHECK(files[0].preferred().url == e.url);
  CHECK(files[0].preferred().file_name == "nvidia_nccl_cu12-2.18.1-py3-none-manylinux1_x86_64.whl");
  CHECK_FALSE(files[0].size);
}

TEST_CASE("torch_wheel_files: verified wheels only, under their project", "[plan_files][torch]") {
  TorchWheelPlan plan;
  plan.variant.variant = "cu121";
  plan.main.project = "torchvision";
  plan.main.version = Version::parse("0.16.2");
  plan.main.wheel.file.url = "https://download.example/whl/cu121/torchvision-0.16.2%2Bcu121-cp311-cp311-linux_x86_64.whl";
  plan.main.wheel.file.file_name = "torchvision-0.16.2+cu121-cp311-cp311-linux_x86_64.whl";
  plan.main.wheel.file.sha256 = kSha1;
  ChosenWheel torch;
  torch.project = "torch";
  torch.version = Version::parse("2.1.2");
  torch.wheel.file.file_name = "torch-2.1.2+cu121-cp311-cp311-linux_x86_64.whl";  // no sha256: unverified
  plan.extras.push_back(torch);
  auto files = torch_wheel_files(plan);
  REQUIRE(files.size() == 1);
  CHECK(files[0].recipe == "torchvision");
  CHECK(files[0].preferred().file_name == plan.main.wheel.file.file_name);
  plan.extras[0].wheel.file.sha256 = kSha2;
  files = torch_wheel_files(plan);
  REQUIRE(files.size() == 2);
  CHECK(files[1].recipe == "torch");
  CHECK(files[1].purpose == "wheel of torch 2.1.2 for torchvision");
}

TEST_CASE("fetch_planned_files: verified from a local mirror; a wrong published size is an Error",
          "[plan_files]") {
  ScopedDir tmp(make_unique_dir(fs::temp_directory_path(), "plan-files-test"));
  ensure_dir(tmp.path() / "mirror" / "demo");
  write_file_atomic(tmp.path() / "mirror" / "demo" / "demo-1.0.tar.gz", "twelve bytes");
  const std::string sha = sha256_hex("twelve bytes");
  FetchSettings fetch;
  fetch.offline = true;
  fetch.mirrors = {(tmp.path() / "mirror").string()};
  fetch.cache_dir = tmp.path() / "cache";
  SilentReporter quiet;
  PlannedFile file{"demo", {SourceFile{"https://example.org/demo-1.0.tar.gz", "demo-1.0.tar.gz", sha}}, 12, "demo"};
  auto fetched = fetch_planned_files({file}, fetch, quiet);
  REQUIRE(fetched.size() == 1);
  CHECK(fetched[0].file.sha256 == sha);
  CHECK(total_size(fetched) == 12);
  file.size = 13;
  CHECK_THROWS_WITH(fetch_planned_files({file}, fetch, quiet), Contains("its manifest says 13"));
  CHECK(fetch_planned_files({}, fetch, quiet).empty());
}
