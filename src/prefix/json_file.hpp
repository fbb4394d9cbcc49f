#pragma once
// Reading and writing the prefix's small JSON files (install records, generation manifests):
// atomic writes, and parse errors that name the file.
#include <filesystem>
#include <string>

#include <nlohmann/json.hpp>

namespace userpkg {

// `what` names the kind of file for the error ("install record", "generation manifest").
nlohmann::json read_json_file(const std::filesystem::path& path, const std::string& what);
void write_json_file(const std::filesystem::path& path, const nlohmann::json& value);

// fsync(2) of a directory, so a rename or new entry in it survives a crash. Best effort.
void sync_directory(const std::filesystem::path& dir) noexcept;

}  // namespace userpkg
