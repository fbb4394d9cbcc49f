#include "shell/shell_init_state.hpp"

#include <nlohmann/json.hpp>

#include "prefix/json_file.hpp"
#include "util/error.hpp"
#include "util/fs.hpp"

namespace userpkg {

fs::path shell_init_state_path(const PrefixLayout& layout) { return layout.config_dir() / "shell-init.json"; }

std::vector<ShellInitEntry> read_shell_init_state(const PrefixLayout& layout) {
  const fs::path path = shell_init_state_path(layout);
  std::error_code ec;
  if (!fs::exists(path, ec)) return {};
  nlohmann::json doc = read_json_file(path, "shell init record");
  std::vector<ShellInitEntry> out;
  try {
    for (const auto& item : doc.at("files")) {
      ShellInitEntry e{fs::path(item.at("file").get<std::string>()), parse_shell(item.at("shell").get<std::string>()),
                       item.at("created").get<bool>(), {}};
      if (item.contains("created_dirs"))
        for (const auto& dir : item.at("created_dirs")) e.created_dirs.emplace_back(dir.get<std::string>());
      out.push_back(std::move(e));
    }
  } catch (const nlohmann::json::exception& e) {
    throw Error("the shell init record " + path.string() + " is damaged", e.what(),
                "remove it and run `userpkg shell deinit --shell SHELL` for each shell you set up");
  }
  return out;
}

void write_shell_init_state(const PrefixLayout& layout, const std::vector<ShellInitEntry>& entries) {
  const fs::path path = shell_init_state_path(layout);
  if (entries.empty()) {
    std::error_code ec;
    fs::remove(path, ec);
    return;
  }
  nlohmann::json files = nlohmann::json::array();
  for (const ShellInitEntry& e : entries) {
    nlohmann::json item = {{"file", e.file.string()}, {"shell", shell_name(e.shell)}, {"created", e.created}};
    if (!e.created_dirs.empty()) {
      item["created_dirs"] = nlohmann::json::array();
      for (const fs::path& dir : e.created_dirs) item["created_dirs"].push_back(dir.string());
    }
    files.push_back(std::move(item));
  }
  ensure_dir(layout.config_dir());
  write_json_file(path, {{"files", files}});
}

}  // namespace userpkg
