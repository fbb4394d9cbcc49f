#include "platform/cpu.hpp"

#include <sched.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>

namespace userpkg {

std::optional<int> cpus_from_cgroup_max(std::string_view cpu_max) {
  std::istringstream in{std::string(cpu_max)};
  std::string quota;
  long long period = 0;
  if (!(in >> quota >> period) || quota == "max" || period <= 0) return std::nullopt;
  long long q = 0;
  try {
    q = std::stoll(quota);
  } catch (...) {
    return std::nullopt;
  }
  if (q <= 0) return std::nullopt;
  return static_cast<int>(std::max(1LL, (q + period - 1) / period));
}

int cpu_count() {
  int count = 0;
  cpu_set_t set;
  CPU_ZERO(&set);
  if (sched_getaffinity(0, sizeof set, &set) == 0) count = CPU_COUNT(&set);
  if (count <= 0) count = static_cast<int>(std::thread::hardware_concurrency());
  std::ifstream cgroup("/sys/fs/cgroup/cpu.max");
  std::string line;
  if (cgroup && std::getline(cgroup, line))
    if (auto quota = cpus_from_cgroup_max(line)) count = std::min(count, *quota);
  return std::max(count, 1);
}

}  // namespace userpkg
