#include "shell/startup_watch.hpp"

#include <cstdint>
#include <fstream>
#include <iterator>

#include "util/home_dir.hpp"

namespace userpkg {
namespace fs = std::filesystem;
namespace {

constexpr std::uintmax_t kMaxWatchedBytes = 8u << 20;  // a startup file is never this large

// The file's bytes; for an oversized one its size and time stamp stand in for them.
std::optional<std::string> contents(const fs::path& path) {
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) return std::nullopt;
  const std::uintmax_t size = fs::file_size(path, ec);
  if (ec) return std::nullopt;
  if (size > kMaxWatchedBytes) {
    auto stamp = fs::last_write_time(path, ec).time_since_epoch().count();
    return "(large file) " + std::to_string(size) + " " + std::to_string(stamp);
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

}  // namespace

std::optional<StartupDirs> startup_dirs_of(const Environment& env) {
  std::optional<fs::path> home;
  auto value = env.get("HOME");
  if (value && !value->empty() && fs::path(*value).is_absolute()) home = fs::path(*value);
  else home = home_dir_if_known();
  if (!home) return std::nullopt;
  StartupDirs dirs{*home, std::nullopt, std::nullopt};
  if (auto z = env.get("ZDOTDIR"); z && !z->empty()) dirs.zdotdir = fs::path(*z);
  if (auto x = env.get("XDG_CONFIG_HOME"); x && !x->empty()) dirs.xdg_config_home = fs::path(*x);
  return dirs;
}

std::vector<fs::path> watched_startup_files(const StartupDirs& dirs) {
  std::vector<std::string> conf_d;
  std::error_code ec;
  for (auto it = fs::directory_iterator(fish_conf_d_dir(dirs), ec); !ec && it != fs::directory_iterator();
       it.increment(ec))
    conf_d.push_back(it->path().filename().string());
  std::vector<fs::path> out;
  for (const StartupFile& f : startup_file_candidates(dirs, conf_d)) out.push_back(f.path);
  const fs::path& h = dirs.home;
  const fs::path config = dirs.xdg_config_home.value_or(h / ".config");
  for (const fs::path& p : {h / ".zlogin", h / ".cshrc", h / ".tcshrc", h / ".login", h / ".condarc",
                            h / ".conda" / "condarc", config / "conda" / "condarc"})
    out.push_back(p);
  return out;
}

StartupSnapshot snapshot_startup_files(const StartupDirs& dirs) {
  StartupSnapshot snapshot;
  for (const fs::path& path : watched_startup_files(dirs)) snapshot.files[path] = contents(path);
  return snapshot;
}

std::vector<StartupChange> startup_changes(const StartupSnapshot& before, const StartupSnapshot& after) {
  std::map<fs::path, std::pair<std::optional<std::string>, std::optional<std::string>>> both;
  for (const auto& [path, text] : before.files) both[path].first = text;
  for (const auto& [path, text] : after.files) both[path].second = text;
  std::vector<StartupChange> out;
  for (const auto& [path, pair] : both) {
    const auto& [old_text, new_text] = pair;
    if (old_text == new_text) continue;
    out.push_back({path, !old_text ? "created" : !new_text ? "removed" : "changed"});
  }
  return out;
}

StartupWatch::StartupWatch(const Environment& env) : dirs_(startup_dirs_of(env)) {
  if (dirs_) before_ = snapshot_startup_files(*dirs_);
}

std::vector<StartupChange> StartupWatch::changes() const {
  if (!dirs_) return {};
  return startup_changes(before_, snapshot_startup_files(*dirs_));
}

std::vector<std::string> StartupWatch::warnings(const std::string& who) const {
  std::vector<std::string> out;
  for (const StartupChange& c : changes())
    out.push_back(who + " " + c.what + " " + c.path.string() +
                  " while it ran (userpkg gave it a scratch HOME; this file is yours): check it");
  return out;
}

}  // namespace userpkg
