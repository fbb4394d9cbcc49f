#include <catch2/catch.hpp>

#include "cuda/redist_choice.hpp"
#include "manifests.hpp"

using namespace userpkg;
using namespace userpkg::cuda;
using userpkg::test::error_text;
using Catch::Matchers::Contains;
using Names = std::vector<std::string>;

namespace {

RedistManifest cuda_1211() { return parse_redist_manifest(test::kCuda1211Manifest, "redistrib_12.1.1.json"); }
RedistManifest cudnn_897() { return parse_redist_manifest(test::kCudnn897Manifest, "redistrib_8.9.7.json"); }

NvidiaDriver driver_for(const std::string& override_value) { return driver_from_override(override_value); }

}  // namespace

TEST_CASE("redist choice: archive URLs join root, product and relative path once", "[cuda]") {
  CHECK(archive_url("https://developer.download.nvidia.com/compute/", "cuda", "cuda_cudart/linux-x86_64/a.tar.xz") ==
        "https://developer.download.nvidia.com/compute/cuda/redist/cuda_cudart/linux-x86_64/a.tar.xz");
  CHECK(archive_url("https://h/compute", "cudnn", "cudnn/x.tar.xz") == "https://h/compute/cudnn/redist/cudnn/x.tar.xz");
  CHECK(archive_url("https://h//", "/cuda/", "/a") == "https://h/cuda/redist/a");
}

TEST_CASE("redist choice: CUDA components from the options, fixed ones from the recipe", "[cuda]") {
  RedistSpec cuda_spec{"cuda", {}, {}};
  RedistChoice d = choose_archives(cuda_spec, "cuda", cuda_1211(), "", "linux-x86_64", std::nullopt);
  CHECK(d.names == Names{"cudart", "nvcc"});
  CHECK(d.keys == Names{"cuda_cudart", "cuda_nvcc", "cuda_cccl"});
  REQUIRE(d.entries.size() == 3);
  CHECK(d.entries[1].relative_path == "cuda_nvcc/linux-x86_64/cuda_nvcc-linux-x86_64-12.1.105-archive.tar.xz");

  CHECK(choose_archives(cuda_spec, "cuda", cuda_1211(), "~nvcc", "linux-x86_64", std::nullopt).keys ==
        Names{"cuda_cudart"});
  CHECK_THAT(error_text([&] { choose_archives(cuda_spec, "cuda", cuda_1211(), "+cublsa", "linux-x86_64", {}); }),
             Contains("Did you mean \"+cublas\""));

  RedistSpec cudnn_spec{"cudnn", {"cudnn"}, {}};
  RedistChoice c = choose_archives(cudnn_spec, "cudnn", cudnn_897(), "", "linux-x86_64", 11);
  CHECK(c.keys == Names{"cudnn"});
  CHECK(c.entries[0].relative_path.ends_with("8.9.7.29_cuda11-archive.tar.xz"));
  CHECK_THAT(error_text([&] { choose_archives(cudnn_spec, "cudnn", cudnn_897(), "+nvcc", "linux-x86_64", 12); }),
             Contains("cudnn takes no component options") && Contains("fixed set: cudnn"));
}

TEST_CASE("redist choice: cuDNN's CUDA variant", "[cuda]") {
  CHECK(published_cuda_majors(cudnn_897(), {"cudnn"}, "linux-x86_64") == std::vector<int>{11, 12});
  CHECK(published_cuda_majors(cudnn_897(), {"cudnn"}, "linux-sbsa") == std::vector<int>{12});
  CHECK(published_cuda_majors(cuda_1211(), {"cuda_cudart"}, "linux-x86_64").empty());

  const std::vector<int> both{11, 12};
  NvidiaDriver none = driver_for("none");
  // --cuda cuNNN wins, then the prefix's toolkit, then the driver, then the newest published.
  CHECK(choose_cuda_major(both, "cu118", Version::parse("12.1.1"), driver_for("12.4")).major == 11);
  CudaMajorChoice from_prefix = choose_cuda_major(both, "auto", Version::parse("11.8.0"), driver_for("12.4"));
  CHECK(from_prefix.major == 11);
  CHECK_THAT(from_prefix.why, Contains("11.8.0"));
  CHECK(choose_cuda_major(both, "auto", std::nullopt, driver_for("12.2")).major == 12);
  CHECK(choose_cuda_major(both, "auto", std::nullopt, driver_for("11.4")).major == 11);
  CHECK(choose_cuda_major(both, "cpu", std::nullopt, none).major == 12);
  CHECK_THAT(choose_cuda_major(both, "auto", std::nullopt, none).why, Contains("no NVIDIA driver"));
  CHECK(choose_cuda_major({12}, "auto", std::nullopt, driver_for("11.4")).major == 12);  // the driver check refuses it later
}

TEST_CASE("redist choice: --cuda with digits that are no CUDA version is an Error", "[cuda]") {
  const std::vector<int> both{11, 12};
  for (const char* bad : {"cu99999999999999999999", "cu1180"}) {
    INFO(bad);
    CHECK_THAT(error_text([&] { choose_cuda_major(both, bad, std::nullopt, driver_for("12.4")); }),
               Contains(std::string("--cuda ") + bad + " is not a CUDA version"));
  }
  CHECK(choose_cuda_major(both, "cu121", std::nullopt, driver_for("12.4")).major == 12);
  CHECK(choose_cuda_major(both, "cu92", std::nullopt, driver_for("12.4")).major == 9);
}

TEST_CASE("redist choice: the driver check before downloading", "[cuda]") {
  const Version cuda = Version::parse("12.4.1");
  CHECK(check_driver(driver_for("12.4"), cuda, false, "cuda 12.4.1", "").empty());
  CHECK(check_driver(driver_for("550.54.14"), cuda, false, "cuda 12.4.1", "").empty());

  std::string refusal = error_text([&] {
    check_driver(driver_for("535.104.05"), cuda, false, "cuda 12.4.1", "userpkg install cuda@12.1.1");
  });
  CHECK_THAT(refusal, Contains("cannot run cuda 12.4.1") && Contains("535.104.05") &&
                          Contains("supports up to CUDA 12.2") && Contains("`userpkg install cuda@12.1.1`") &&
                          Contains("--force"));
  CHECK_THAT(check_driver(driver_for("12.2"), cuda, true, "cuda 12.4.1", ""), Contains("--force") && Contains("12.2"));
  CHECK_THAT(check_driver(driver_for("none"), cuda, false, "cuda 12.4.1", ""),
             Contains("no NVIDIA driver") && Contains("anyway"));
}

TEST_CASE("redist choice: the newest release a driver supports", "[cuda]") {
  std::vector<Version> versions{Version::parse("12.4.1"), Version::parse("12.1.1"), Version::parse("11.8.0")};
  CHECK(newest_supported(versions, Version::parse("12.2"))->str() == "12.1.1");
  CHECK(newest_supported(versions, Version::parse("12.4"))->str() == "12.4.1");
  CHECK_FALSE(newest_supported(versions, Version::parse("11.4")));
}

TEST_CASE("redist choice: components asked for that the installed copy lacks", "[cuda]") {
  CHECK(missing_components({"cudart", "nvcc"}, "cudart, nvcc, cublas").empty());
  CHECK(missing_components({"cudart", "nvcc", "cublas"}, "cudart, nvcc") == Names{"cublas"});
  CHECK(missing_components({"cudart"}, "") == Names{"cudart"});
}
