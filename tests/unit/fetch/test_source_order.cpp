#include <catch2/catch.hpp>

#include "fetch/source_order.hpp"

using namespace userpkg;

namespace {
FetchItem two_formats() {
  return FetchItem{"xz", {SourceFile{"https://up/xz-5.4.tar.xz", "xz-5.4.tar.xz", ""},
                          SourceFile{"https://up/xz-5.4.tar.gz", "xz-5.4.tar.gz", ""}}};
}
std::vector<std::string> labels(const std::vector<Source>& sources) {
  std::vector<std::string> out;
  for (const auto& s : sources) out.push_back(s.label());
  return out;
}
}  // namespace

TEST_CASE("source_order: each candidate on every mirror, then upstream in candidate order", "[fetch][order]") {
  auto sources = source_order(two_formats(), {"/m1", "http://m2"}, false);
  CHECK(labels(sources) == std::vector<std::string>{
                               "/m1/xz/xz-5.4.tar.xz", "http://m2/xz/xz-5.4.tar.xz",
                               "/m1/xz/xz-5.4.tar.gz", "http://m2/xz/xz-5.4.tar.gz",
                               "https://up/xz-5.4.tar.xz", "https://up/xz-5.4.tar.gz"});
  CHECK(sources[0].local);
  CHECK_FALSE(sources[1].local);
  CHECK(sources[2].candidate == 1);
  CHECK(sources[4].candidate == 0);
}

TEST_CASE("source_order: offline leaves upstream out", "[fetch][order]") {
  CHECK(labels(source_order(two_formats(), {"/m1"}, true)) ==
        std::vector<std::string>{"/m1/xz/xz-5.4.tar.xz", "/m1/xz/xz-5.4.tar.gz"});
  CHECK(source_order(two_formats(), {}, true).empty());
}
