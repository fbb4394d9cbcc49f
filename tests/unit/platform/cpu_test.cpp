#include <catch2/catch.hpp>

#include <sched.h>

#include "platform/cpu.hpp"

using namespace userpkg;

TEST_CASE("cpu_count is at least one and at most the affinity mask", "[cpu]") {
  cpu_set_t set;
  CPU_ZERO(&set);
  REQUIRE(sched_getaffinity(0, sizeof set, &set) == 0);
  int n = cpu_count();
  CHECK(n >= 1);
  CHECK(n <= CPU_COUNT(&set));
}

TEST_CASE("cgroup cpu.max quotas", "[cpu]") {
  CHECK(cpus_from_cgroup_max("max 100000\n") == std::nullopt);
  CHECK(cpus_from_cgroup_max("200000 100000\n") == 2);
  CHECK(cpus_from_cgroup_max("150000 100000") == 2);
  CHECK(cpus_from_cgroup_max("50000 100000") == 1);
  CHECK(cpus_from_cgroup_max("") == std::nullopt);
  CHECK(cpus_from_cgroup_max("garbage") == std::nullopt);
  CHECK(cpus_from_cgroup_max("100000 0") == std::nullopt);
}
