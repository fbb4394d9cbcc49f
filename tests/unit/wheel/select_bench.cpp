// Hidden: run with `unit_tests "[.bench]"` (bench/wheel_select.sh). Times parsing a generated
// 2,000-entry PyTorch-style page and selecting a wheel from it; target <= 20 ms.
#include <catch2/catch.hpp>
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <vector>

#include "generated_index.hpp"
#include "wheel/select.hpp"

using namespace userpkg;

TEST_CASE("bench: parse and select over a 2,000-entry index page", "[.bench]") {
  const std::string html = test::generated_torch_page(2000);
  WheelTarget target;
  target.python_minor = 10;
  target.glibc_minor = 17;
  const auto wanted = VersionConstraint::parse("2");
  constexpr int runs = 21;
  std::vector<double> parse_ms, select_ms, total_ms, cpu_ms;
  // CPU time of this thread too: on a shared machine the wall clock also counts time spent waiting.
  auto thread_cpu_ms = [] {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
  };
  using clock = std::chrono::steady_clock;
  auto ms = [](clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); };
  for (int i = 0; i < runs; ++i) {
    double cpu0 = thread_cpu_ms();
    auto t0 = clock::now();
    auto files = parse_simple_index(html, "text/html", test::generated_page_url);
    auto t1 = clock::now();
    auto choice = select_wheel(files, "torch", wanted, target);
    auto t2 = clock::now();
    cpu_ms.push_back(thread_cpu_ms() - cpu0);
    REQUIRE(files.size() == 2000);
    REQUIRE(choice.file.file_name == "torch-2.5.1+cu121-cp310-cp310-linux_x86_64.whl");
    parse_ms.push_back(ms(t1 - t0));
    select_ms.push_back(ms(t2 - t1));
    total_ms.push_back(ms(t2 - t0));
  }
  auto median = [](std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
  };
  std::printf("wheel_select: 2000 entries (%zu KB of HTML): parse %.2f ms, select %.2f ms, total %.2f ms "
              "(median of %d; best total %.2f ms; CPU time %.2f ms)\n",
              html.size() / 1024, median(parse_ms), median(select_ms), median(total_ms), runs,
              *std::min_element(total_ms.begin(), total_ms.end()), median(cpu_ms));
  CHECK(median(total_ms) > 0);
}
