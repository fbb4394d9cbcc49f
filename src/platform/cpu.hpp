#pragma once
// How many CPUs this process may use (the default for make -j).
#include <optional>
#include <string_view>

namespace userpkg {

// CPUs in this process's affinity mask (taskset, cpusets), capped by a cgroup v2 CPU quota
// (containers), at least 1.
int cpu_count();

// Parses cgroup v2 "cpu.max" ("200000 100000" → 2, "max 100000" → none); rounds up, at least 1.
std::optional<int> cpus_from_cgroup_max(std::string_view cpu_max);

}  // namespace userpkg
