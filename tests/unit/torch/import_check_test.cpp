#include <catch2/catch.hpp>

#include "torch/import_check.hpp"

using namespace userpkg;

TEST_CASE("import check: the script's output read back", "[torch]") {
  auto r = parse_import_check("noise\nuserpkg.torch=2.1.2+cu121\nuserpkg.cuda=12.1\nuserpkg.available=1\n"
                              "userpkg.count=2\n");
  REQUIRE(r);
  CHECK(r->torch_version == "2.1.2+cu121");
  CHECK(r->cuda == "12.1");
  CHECK(r->gpu_available);
  CHECK(r->gpu_count == 2);
  CHECK_FALSE(parse_import_check("Traceback (most recent call last):\nModuleNotFoundError: No module named 'torch'\n"));
  CHECK_THAT(import_check_script("torchvision"), Catch::Contains("import torchvision"));
  CHECK_THAT(import_check_script("torch"), !Catch::Contains("import torchvision"));
}

TEST_CASE("import check: what the user is told", "[torch]") {
  TorchImport cpu{"2.1.2+cpu", "", false, 0, ""};
  CHECK(judge_import(cpu, driver_from_override("12.2"), std::nullopt).summary ==
        "torch 2.1.2+cpu (CPU build): no GPU is used");

  TorchImport gpus{"2.1.2+cu121", "12.1", true, 2, ""};
  auto seen = judge_import(gpus, driver_from_override("12.2"), std::nullopt);
  CHECK(seen.summary == "torch 2.1.2+cu121, CUDA 12.1: 2 GPUs visible");
  CHECK(seen.notes.empty());

  TorchImport none{"2.1.2+cu121", "12.1", false, 0, ""};
  auto old = judge_import(none, driver_from_override("520.61.05"), std::nullopt);
  CHECK(old.summary == "torch 2.1.2+cu121, CUDA 12.1: no GPU visible");
  REQUIRE(old.notes.size() == 2);
  CHECK_THAT(old.notes[0], Catch::Contains("CUDA 12.1 needs driver >= 530.30.02; this machine has 520.61.05"));
  CHECK_THAT(judge_import(none, driver_from_override("none"), std::nullopt).notes.at(0),
             Catch::Contains("there is no NVIDIA driver here"));
  CHECK_THAT(judge_import(none, driver_from_override("12.2"), std::string("7")).notes.at(0),
             Catch::Contains("CUDA_VISIBLE_DEVICES=7 may hide the GPUs"));
  CHECK_THAT(judge_import(none, driver_from_override("12.2"), std::nullopt).notes.at(0),
             Catch::Contains("yet torch sees no GPU"));
}
