#pragma once
// UTC time as ISO 8601 ("2024-05-01T12:34:56Z"), for install records and generation manifests.
#include <chrono>
#include <string>

namespace userpkg {

std::string iso8601_utc(std::chrono::system_clock::time_point when);
inline std::string iso8601_now() { return iso8601_utc(std::chrono::system_clock::now()); }

}  // namespace userpkg
