#include <catch2/catch.hpp>

#include "platform/cuda_driver_table.hpp"

using namespace userpkg;

namespace {
Version v(const char* text) { return Version::parse(text); }
}  // namespace

TEST_CASE("driver -> newest CUDA", "[cuda_driver_table]") {
  CHECK(max_cuda_for_driver(v("535.104.05")) == v("12.2"));
  CHECK(max_cuda_for_driver(v("535.54.03")) == v("12.2"));   // exactly the 12.2 GA driver
  CHECK(max_cuda_for_driver(v("535.54.02")) == v("12.1"));   // one below it
  CHECK(max_cuda_for_driver(v("525.60.13")) == v("12.0"));
  CHECK(max_cuda_for_driver(v("530.30.02")) == v("12.1"));
  CHECK(max_cuda_for_driver(v("550.54.14")) == v("12.4"));
  CHECK(max_cuda_for_driver(v("570.26")) == v("12.8"));
  CHECK(max_cuda_for_driver(v("570.86.15")) == v("12.8"));
  CHECK(max_cuda_for_driver(v("575.51.03")) == v("12.9"));
  CHECK(max_cuda_for_driver(v("580.65.06")) == v("13.0"));
  CHECK(max_cuda_for_driver(v("450.80.02")) == v("11.0"));
  CHECK(max_cuda_for_driver(v("520.61.05")) == v("11.8"));
  CHECK(max_cuda_for_driver(v("470.82.01")) == v("11.4"));
}

TEST_CASE("a driver older than any entry supports no CUDA 11", "[cuda_driver_table]") {
  CHECK(max_cuda_for_driver(v("418.87.01")) == std::nullopt);
  CHECK(max_cuda_for_driver(v("450.36.06")) == std::nullopt);  // the 11.0 RC's driver, before 11.0 GA
  auto message = driver_too_old_message(v("11.8"), "418.87.01", std::nullopt);
  CHECK(message ==
        "CUDA 11.8 needs driver >= 520.61.05; this machine has 418.87.01, which supports only CUDA older than 11.0 "
        "(CUDA 11.0 needs >= 450.51.05)");
}

TEST_CASE("CUDA -> oldest driver, and the refusal message", "[cuda_driver_table]") {
  CHECK(min_driver_for_cuda(v("12.4")) == v("550.54.14"));
  CHECK(min_driver_for_cuda(v("12.4.1")) == v("550.54.14"));
  CHECK(min_driver_for_cuda(v("11.8")) == v("520.61.05"));
  CHECK(min_driver_for_cuda(v("12.7")) == std::nullopt);  // never released
  CHECK(min_driver_for_cuda(v("10.2")) == std::nullopt);
  CHECK(driver_too_old_message(v("12.4.1"), "535.104.05", v("12.2")) ==
        "CUDA 12.4 needs driver >= 550.54.14; this machine has 535.104.05, which supports up to CUDA 12.2");
  CHECK(driver_too_old_message(v("12.4"), "", v("12.2")) ==
        "CUDA 12.4 needs driver >= 550.54.14; this machine has a driver that supports up to CUDA 12.2");
  CHECK_THAT(driver_too_old_message(v("99.1"), "580.65.06", v("13.0")),
             Catch::StartsWith("CUDA 99.1 needs a driver newer than userpkg's table knows (CUDA 13.0: >= 580.65.06)"));
}

TEST_CASE("the table is ordered newest first, drivers rising with CUDA", "[cuda_driver_table]") {
  auto table = cuda_driver_table();
  REQUIRE(table.size() > 10);
  for (std::size_t i = 1; i < table.size(); ++i) {
    INFO(table[i].cuda);
    CHECK(v(table[i - 1].cuda) > v(table[i].cuda));
    CHECK(v(table[i - 1].driver) > v(table[i].driver));
  }
  CHECK(oldest_known_driver() == v("450.51.05"));
  CHECK(major_minor(v("12.4.1")) == v("12.4"));
  CHECK(major_minor(v("12")) == v("12.0"));
}
