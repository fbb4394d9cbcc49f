#include <catch2/catch.hpp>

#include "torch/release_matrix.hpp"
#include "torch/variant_choice.hpp"
#include "util/error.hpp"

using namespace userpkg;

namespace {

Version v(const char* text) { return Version::parse(text); }

// The variant --cuda `request` gives for torch `torch` on a driver given as USERPKG_CUDA_DRIVER would.
std::string chosen(const char* request, const char* torch, const char* driver, bool force = false) {
  return choose_variant(request, v(torch), variants_for_torch(v(torch)), driver_from_override(driver), force).variant;
}

std::string refusal(const char* request, const char* torch, const char* driver) {
  try {
    return "chose " + chosen(request, torch, driver);
  } catch (const Error& e) {
    return std::string(e.what()) + " | " + e.why() + " | " + e.hint();
  }
}

}  // namespace

TEST_CASE("release matrix: variants per torch release, newest CUDA first, cpu last", "[torch]") {
  CHECK(*variants_for_torch(v("2.1.2")) == std::vector<std::string>{"cu121", "cu118", "cpu"});
  CHECK(*variants_for_torch(v("2.1")) == std::vector<std::string>{"cu121", "cu118", "cpu"});
  CHECK(*variants_for_torch(v("2.6.0")) == std::vector<std::string>{"cu126", "cu124", "cu118", "cpu"});
  CHECK(*variants_for_torch(v("2.8.0")) == std::vector<std::string>{"cu129", "cu128", "cu126", "cpu"});
  CHECK_FALSE(variants_for_torch(v("1.12.1")));
  CHECK_FALSE(variants_for_torch(v("3.0.0")));
}

TEST_CASE("release matrix: torchvision and torchaudio matched to torch", "[torch]") {
  CHECK(*torch_release_of("torchvision", v("0.16.2")) == v("2.1.2"));
  CHECK(*torch_release_of("torchaudio", v("2.1.2")) == v("2.1.2"));
  CHECK(*torch_release_of("torchaudio", v("2.0.2")) == v("2.0.1"));  // the 2.0.x re-release
  CHECK(*torch_release_of("torch", v("9.9")) == v("9.9"));
  CHECK_FALSE(torch_release_of("torchvision", v("0.99.0")));
  CHECK(*companion_release("torchvision", v("2.0.0")) == v("0.15.1"));
  CHECK(*companion_release("torchaudio", v("1.13.1")) == v("0.13.1"));
  // Every companion row's torch has its variants listed.
  for (const TorchCompanionRow& row : torch_companion_table()) CHECK(variants_for_torch(v(row.torch)));
}

TEST_CASE("variant names: cuXYZ is CUDA X.Y Z", "[torch]") {
  CHECK(variant_cuda("cu121")->str() == "12.1");
  CHECK(variant_cuda("cu118")->str() == "11.8");
  CHECK(variant_cuda("cu130")->str() == "13.0");
  CHECK_FALSE(variant_cuda("cpu"));
  CHECK_THROWS_AS(variant_cuda("rocm6.2"), Error);
  CHECK_THROWS_AS(variant_cuda("cuda12"), Error);
  CHECK_THROWS_AS(variant_cuda("cu12"), Error);
}

TEST_CASE("auto: the newest CUDA build the driver runs, over driver versions", "[torch]") {
  CHECK(chosen("auto", "2.1.2", "12.2") == "cu121");
  CHECK(chosen("auto", "2.1.2", "12.1") == "cu121");
  CHECK(chosen("auto", "2.1.2", "12.0") == "cu118");  // cu121 needs a 12.1 driver
  CHECK(chosen("auto", "2.1.2", "11.8") == "cu118");
  CHECK(chosen("auto", "2.1.2", "11.7") == "cpu");
  CHECK(chosen("auto", "2.1.2", "none") == "cpu");
  CHECK(chosen("auto", "2.1.2", "535.104.05") == "cu121");  // driver version → CUDA 12.2
  CHECK(chosen("auto", "2.1.2", "520.61.05") == "cu118");
  CHECK(chosen("auto", "2.1.2", "440.33.01") == "cpu");  // older than CUDA 11.0
  CHECK(chosen("auto", "2.6.0", "12.4") == "cu124");
  CHECK(chosen("auto", "2.6.0", "13.0") == "cu126");
  CHECK(chosen("auto", "2.8.0", "12.8") == "cu128");
  CHECK(chosen("", "2.1.2", "12.2") == "cu121");  // unset means auto
}

TEST_CASE("auto explains its choice", "[torch]") {
  auto none = choose_variant("auto", v("2.1.2"), variants_for_torch(v("2.1.2")), driver_from_override("none"), false);
  CHECK_THAT(none.reason, Catch::Contains("no NVIDIA driver"));
  auto old = choose_variant("auto", v("2.1.2"), variants_for_torch(v("2.1.2")), driver_from_override("11.4"), false);
  CHECK(old.variant == "cpu");
  CHECK_THAT(old.reason, Catch::Contains("too old for every CUDA build of torch 2.1 (cu121, cu118, cpu)"));
  CHECK_THAT(old.notes.at(0), Catch::Contains("CUDA 12.1 or newer would allow cu121"));
  auto good = choose_variant("auto", v("2.1.2"), variants_for_torch(v("2.1.2")), driver_from_override("12.2"), false);
  CHECK_THAT(good.reason, Catch::Contains("newest CUDA build of torch 2.1"));
}

TEST_CASE("explicit variants: checked against what exists and the driver", "[torch]") {
  CHECK(chosen("cpu", "2.1.2", "12.2") == "cpu");
  CHECK(chosen("cu118", "2.1.2", "12.2") == "cu118");
  // Not published for 2.1: refused with the list, unless forced.
  CHECK(refusal("cu124", "2.1.2", "12.4") ==
        "torch 2.1.2 has no cu124 build | PyTorch publishes torch 2.1 as cu121, cu118, cpu | give --cuda cu121 (or "
        "--cuda auto); --force tries the index anyway");
  CHECK(chosen("cu124", "2.1.2", "12.4", true) == "cu124");
  // The driver is too old: refused, naming what auto would pick.
  std::string old = refusal("cu121", "2.1.2", "520.61.05");
  CHECK_THAT(old, Catch::StartsWith("the cu121 build of torch 2.1.2 cannot use this machine's GPU"));
  CHECK_THAT(old, Catch::Contains("CUDA 12.1 needs driver >= 530.30.02; this machine has 520.61.05"));
  CHECK_THAT(old, Catch::Contains("--cuda auto (picks cu118 here)"));
  auto forced = choose_variant("cu121", v("2.1.2"), variants_for_torch(v("2.1.2")), driver_from_override("11.8"), true);
  CHECK(forced.variant == "cu121");
  CHECK_THAT(forced.notes.at(0), Catch::Contains("--force"));
  // No driver at all: a CUDA build installs (a login node), with a note.
  auto login = choose_variant("cu121", v("2.1.2"), variants_for_torch(v("2.1.2")), driver_from_override("none"), false);
  CHECK(login.variant == "cu121");
  CHECK_THAT(login.notes.at(0), Catch::Contains("no NVIDIA driver here"));
  CHECK_THROWS_AS(chosen("rocm6.2", "2.1.2", "12.2"), Error);
}

TEST_CASE("a torch release the table does not know", "[torch]") {
  CHECK_THAT(refusal("auto", "3.0.0", "12.2"), Catch::Contains("does not list torch 3.0"));
  auto named = choose_variant("cu130", v("3.0.0"), std::nullopt, driver_from_override("13.0"), false);
  CHECK(named.variant == "cu130");
  CHECK_THAT(named.notes.at(0), Catch::Contains("the index decides"));
}
