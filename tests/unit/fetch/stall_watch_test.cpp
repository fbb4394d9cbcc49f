#include "fetch/stall_watch.hpp"

#include <catch2/catch.hpp>

using namespace userpkg;
using std::chrono::seconds;

TEST_CASE("url_host names the host and port, never a password", "[fetch][stall]") {
  CHECK(url_host("https://download.pytorch.org/whl/cu121/torch/") == "download.pytorch.org");
  CHECK(url_host("http://user:secret@127.0.0.1:8080/x?y") == "127.0.0.1:8080");
  CHECK(url_host("http://mirror.example.edu") == "mirror.example.edu");
  CHECK(url_host("/scratch/mirror") == "/scratch/mirror");
}

TEST_CASE("a stalled download is told once per stall, naming host, time and limit", "[fetch][stall]") {
  const auto t0 = StallWatch::Clock::now();
  StallWatch watch(seconds(60), t0);
  const std::string url = "https://www.python.org/ftp/python/3.11.2/Python-3.11.2.tgz";
  CHECK_FALSE(watch.update(url, "Python-3.11.2.tgz", 0, t0 + seconds(5)));
  auto line = watch.update(url, "Python-3.11.2.tgz", 0, t0 + seconds(10));
  REQUIRE(line);
  CHECK(*line ==
        "waiting for www.python.org: no data for 10 s (Python-3.11.2.tgz); giving up after 60 s without data "
        "(USERPKG_STALL_TIMEOUT)");
  CHECK_FALSE(watch.update(url, "Python-3.11.2.tgz", 0, t0 + seconds(30)));  // once
  CHECK_FALSE(watch.update(url, "Python-3.11.2.tgz", 4096, t0 + seconds(31)));  // data again
  CHECK_FALSE(watch.update(url, "Python-3.11.2.tgz", 4096, t0 + seconds(35)));
  CHECK(watch.update(url, "Python-3.11.2.tgz", 4096, t0 + seconds(41)));  // a second stall
}

TEST_CASE("a short low-speed window is noticed after a third of it", "[fetch][stall]") {
  const auto t0 = StallWatch::Clock::now();
  StallWatch watch(seconds(3), t0);
  CHECK_FALSE(watch.update("http://h/x", "x", 0, t0 + std::chrono::milliseconds(900)));
  CHECK(watch.update("http://h/x", "x", 0, t0 + seconds(1)));
}
