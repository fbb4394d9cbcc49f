#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "cuda/components.hpp"
#include "manifests.hpp"

using namespace userpkg::cuda;
using userpkg::test::error_text;
using Catch::Matchers::Contains;
using Names = std::vector<std::string>;

namespace {

RedistManifest cuda_1211() { return parse_redist_manifest(userpkg::test::kCuda1211Manifest, "redistrib_12.1.1.json"); }
RedistManifest cudnn_897() { return parse_redist_manifest(userpkg::test::kCudnn897Manifest, "redistrib_8.9.7.json"); }

// The 12.1.1 manifest plus components copied from cuda_cudart under other keys (the archives do
// not matter to selection).
RedistManifest with_components(const std::vector<std::string>& keys) {
  nlohmann::json j = nlohmann::json::parse(userpkg::test::kCuda1211Manifest);
  for (const std::string& key : keys) j[key] = j["cuda_cudart"];
  return redist_manifest_from_json(j, "m.json");
}

}  // namespace

TEST_CASE("cuda components: issue 4's names map to NVIDIA's keys", "[cuda]") {
  CHECK(component_key("cudart") == "cuda_cudart");
  CHECK(component_key("nvcc") == "cuda_nvcc");
  CHECK(component_key("cublas") == "libcublas");
  CHECK(component_key("cufft") == "libcufft");
  CHECK(component_key("curand") == "libcurand");
  CHECK(component_key("cusolver") == "libcusolver");
  CHECK(component_key("cusparse") == "libcusparse");
  CHECK(component_key("nvrtc") == "cuda_nvrtc");
  CHECK(component_key("cupti") == "cuda_cupti");
  CHECK(component_key("libcublas") == "libcublas");  // NVIDIA's own key is understood too
  CHECK(component_names().size() == 9);
  CHECK_THAT(error_text([] { component_key("cublsa"); }), Contains("unknown CUDA component \"cublsa\"") &&
                                                             Contains("Did you mean \"+cublas\"?"));
  CHECK_THAT(error_text([] { component_key("tensorrt"); }), Contains("The components are: cudart, nvcc"));
}

TEST_CASE("cuda components: +name adds to the default set, ~name leaves out", "[cuda]") {
  CHECK(default_component_names() == Names{"cudart", "nvcc"});
  CHECK(parse_component_options("") == Names{"cudart", "nvcc"});
  CHECK(parse_component_options("+nvcc +cublas") == Names{"cudart", "nvcc", "cublas"});
  CHECK(parse_component_options("+cusparse+cublas ~nvcc") == Names{"cudart", "cublas", "cusparse"});
  CHECK(parse_component_options("  +libcufft  ") == Names{"cudart", "nvcc", "cufft"});
  CHECK(parse_component_options("~nvcc +nvcc") == Names{"cudart", "nvcc"});  // the last word counts
  CHECK(parse_component_options("~cudart") == Names{"nvcc"});

  CHECK_THAT(error_text([] { parse_component_options("+nvcc +cusolverr"); }),
             Contains("unknown CUDA component \"cusolverr\"") && Contains("Did you mean \"+cusolver\"?"));
  CHECK_THAT(error_text([] { parse_component_options("cublas"); }),
             Contains("\"cublas\"") && Contains("+name") && Contains("cuda@12.1 +nvcc +cublas"));
  CHECK_THAT(error_text([] { parse_component_options("+cublas+"); }), Contains("without a name"));
  CHECK_THAT(error_text([] { parse_component_options("~cudart ~nvcc"); }), Contains("no CUDA component is left"));
}

TEST_CASE("cuda components: what each needs beside it", "[cuda]") {
  RedistManifest m = cuda_1211();
  // nvcc brings the runtime (headers, libcudart_static.a) and CCCL (<nv/target>); 12.1 has no
  // cuda_crt or libnvvm, so they are not asked for.
  CHECK(component_keys_for({"cudart", "nvcc"}, m) == Names{"cuda_cudart", "cuda_nvcc", "cuda_cccl"});
  CHECK(component_keys_for({"nvcc"}, m) == Names{"cuda_nvcc", "cuda_cudart", "cuda_cccl"});
  CHECK(component_keys_for({"cudart", "cublas"}, m) == Names{"cuda_cudart", "libcublas"});

  // CUDA 13 split crt/ and nvvm/ out of cuda_nvcc: taken where the manifest has them.
  RedistManifest m13 = with_components({"cuda_crt", "libnvvm"});
  CHECK(component_keys_for({"nvcc"}, m13) == Names{"cuda_nvcc", "cuda_cudart", "cuda_cccl", "cuda_crt", "libnvvm"});

  RedistManifest solver = with_components({"libcusolver", "libcusparse", "libnvjitlink"});
  CHECK(component_keys_for({"cusolver"}, solver) == Names{"libcusolver", "libcublas", "libcusparse", "libnvjitlink"});

  // A required companion the manifest lacks is refused, naming who needs it.
  RedistManifest no_sparse = with_components({"libcusolver"});
  CHECK_THAT(error_text([&] { component_keys_for({"cusolver"}, no_sparse); }),
             Contains("CUDA 12.1.1 has no component \"libcusparse\" (needed by libcusolver)") &&
                 Contains("cuda_cccl, cuda_cudart"));
  CHECK_THAT(error_text([&] { component_keys_for({"cufft"}, m); }), Contains("has no component \"libcufft\" |"));
}

TEST_CASE("cuda components: archives for one platform", "[cuda]") {
  RedistManifest m = cuda_1211();
  Names keys = component_keys_for(parse_component_options(""), m);
  std::vector<RedistEntry> entries = select_entries(m, keys, "linux-x86_64");
  REQUIRE(entries.size() == 3);
  CHECK(entries[0] == RedistEntry{"cuda_cudart",
                                  "cuda_cudart/linux-x86_64/cuda_cudart-linux-x86_64-12.1.105-archive.tar.xz",
                                  "6096ec878c8c443258d39c6e9cf2decef127f8aa8da594fdc5a336d047ab6bd9", 1000304, "", ""});
  CHECK(entries[1].relative_path == "cuda_nvcc/linux-x86_64/cuda_nvcc-linux-x86_64-12.1.105-archive.tar.xz");
  CHECK(entries[2].sha256 == "b84ef3ec3dc1b4891267be25846f0c3ed7f9fa84154d59eba805402b86991baa");

  CHECK(select_entries(m, keys, redist_platform_for_arch("aarch64"))[1].relative_path ==
        "cuda_nvcc/linux-sbsa/cuda_nvcc-linux-sbsa-12.1.105-archive.tar.xz");
  CHECK_THAT(error_text([&] { select_entries(m, {"libcublas"}, "linux-sbsa"); }),
             Contains("cuda 12.1.1 publishes no libcublas for linux-sbsa") && Contains("published for: linux-x86_64"));
  CHECK_THAT(error_text([&] { select_entries(m, {"cuda_nvrtc"}, "linux-x86_64"); }),
             Contains("has no component \"cuda_nvrtc\""));
}

TEST_CASE("cuda components: cuDNN's archive is chosen by CUDA major version", "[cuda]") {
  RedistManifest m = cudnn_897();
  auto entries = select_entries(m, {"cudnn"}, "linux-x86_64", 12);
  REQUIRE(entries.size() == 1);
  CHECK(entries[0] == RedistEntry{"cudnn", "cudnn/linux-x86_64/cudnn-linux-x86_64-8.9.7.29_cuda12-archive.tar.xz",
                                  "475333625c7e42a7af3ca0b2f7506a106e30c93b1aa0081cd9c13efb6e21e3bb", 864984964, "", ""});
  CHECK(select_entries(m, {"cudnn"}, "linux-x86_64", 11)[0].size == 860967256);
  CHECK_THAT(error_text([&] { select_entries(m, {"cudnn"}, "linux-x86_64"); }),
             Contains("once per CUDA version") && Contains("cuda11, cuda12"));
  CHECK_THAT(error_text([&] { select_entries(m, {"cudnn"}, "linux-sbsa", 11); }),
             Contains("no cudnn for CUDA 11 on linux-sbsa") && Contains("available: cuda12"));
  CHECK_THAT(error_text([&] { select_entries(m, {"cudnn"}, "linux-x86_64", 13); }), Contains("for CUDA 13"));
}

TEST_CASE("cuda components: machine architectures", "[cuda]") {
  CHECK(redist_platform_for_arch("x86_64") == "linux-x86_64");
  CHECK(redist_platform_for_arch("aarch64") == "linux-sbsa");
  CHECK_THAT(error_text([] { redist_platform_for_arch("ppc64le"); }), Contains("\"ppc64le\""));
}
