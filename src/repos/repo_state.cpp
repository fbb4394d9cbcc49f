#include "repos/repo_state.hpp"

#include <nlohmann/json.hpp>

#include "util/error.hpp"
#include "util/fs.hpp"
#include "util/input_limits.hpp"

namespace userpkg {

std::string repo_state_json(const RepoState& s) {
  nlohmann::json j = {{"source", s.source}, {"kind", s.kind},       {"ref", s.ref},
                      {"revision", s.revision}, {"updated", s.updated}};
  return j.dump(2) + "\n";
}

std::optional<RepoState> read_repo_state(const std::filesystem::path& file) {
  std::error_code ec;
  if (!std::filesystem::exists(file, ec)) return std::nullopt;
  const std::string hint = "run `userpkg repo update` for that repo to fetch it again";
  const std::string text = read_input_file(file, kStateFileLimits, hint);
  check_json_input(text, file.string(), kStateFileLimits, hint);
  try {
    auto j = nlohmann::json::parse(text);
    RepoState s;
    s.source = j.at("source").get<std::string>();
    s.kind = j.at("kind").get<std::string>();
    s.ref = j.value("ref", "");
    s.revision = j.at("revision").get<std::string>();
    s.updated = j.value("updated", "");
    return s;
  } catch (const nlohmann::json::exception& e) {
    throw Error(file.string() + " is damaged", e.what(),
                "run `userpkg repo update` for that repo to fetch it again");
  }
}

void write_repo_state(const std::filesystem::path& file, const RepoState& state) {
  write_file_atomic(file, repo_state_json(state));
}

std::string short_revision(const std::string& revision) { return revision.substr(0, 12); }

}  // namespace userpkg
