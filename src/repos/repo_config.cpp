#include "repos/repo_config.hpp"

#include <cctype>
#include <cstdio>
#include <functional>
#include <limits>
#include <sstream>

#include "shell/rc_file.hpp"
#include "util/error.hpp"
#include "util/fs.hpp"
#include "util/input_limits.hpp"
#include "util/strings.hpp"

namespace userpkg {
namespace {

Error config_error(const std::string& file, const toml::node& n, const std::string& what) {
  return Error(file + ":" + std::to_string(n.source().begin.line) + ": " + what, "",
               "see README.md, \"Lab recipe repositories\"");
}

RepoEntry parse_one(const std::string& name, const toml::node& node, const std::string& file) {
  if (std::string problem = repo_name_problem(name); !problem.empty())
    throw config_error(file, node, "bad repo name '" + name + "': " + problem);
  const toml::table* t = node.as_table();
  if (!t) throw config_error(file, node, "repos." + name + " must be a table with source = \"…\"");
  RepoEntry e;
  e.name = name;
  for (auto& [key, value] : *t) {
    std::string k(key.str());
    if (k == "source") {
      if (!value.is_string() || value.value<std::string>()->empty())
        throw config_error(file, value, "repos." + name + ".source must be a non-empty string");
      e.source = *value.value<std::string>();
    } else if (k == "ref") {
      if (!value.is_string()) throw config_error(file, value, "repos." + name + ".ref must be a string");
      e.ref = *value.value<std::string>();
    } else if (k == "priority") {
      auto p = value.value_exact<int64_t>();
      if (!p || *p < std::numeric_limits<int>::min() || *p > std::numeric_limits<int>::max())
        throw config_error(file, value, "repos." + name + ".priority must be an integer, such as 10");
      e.priority = static_cast<int>(*p);
    } else {
      throw config_error(file, value, "unknown key '" + k + "' in repos." + name + " (keys: source, ref, priority)");
    }
  }
  if (e.source.empty()) throw config_error(file, node, "repos." + name + " has no source = \"…\"");
  return e;
}

// A TOML basic string ("…"), as people write them by hand.
std::string toml_quoted(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      case '\r': out += "\\r"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(static_cast<unsigned char>(c)));
          out += buf;
        } else {
          out += c;
        }
    }
  }
  return out + "\"";
}

// Does `line` open the table [repos.NAME] (any quoting and spacing TOML allows for a bare name)?
// By hand: std::regex recursed once per character of a long trailing comment (a stack overflow).
bool is_repo_header(const std::string& line, const std::string& name) {
  std::string_view s = line;
  auto blanks = [&s] {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  };
  auto take = [&s](std::string_view w) { return s.starts_with(w) ? (s.remove_prefix(w.size()), true) : false; };
  blanks();
  if (!take("[")) return false;
  blanks();
  if (!take("repos")) return false;
  blanks();
  if (!take(".")) return false;
  blanks();
  if (!take(name) && !take("\"" + name + "\"") && !take("'" + name + "'")) return false;
  blanks();
  if (!take("]")) return false;
  blanks();
  return s.empty() || s.front() == '#';
}

bool is_table_header(const std::string& line) {
  auto text = trim(line);
  return text.starts_with("[");
}

bool is_comment(const std::string& line) { return trim(line).starts_with("#"); }

toml::table parse_or_refuse(const std::string& text, const std::string& what) {
  if (auto problem = toml_shape_problem(text, kConfigLimits))
    throw Error("cannot " + what + " config.toml safely",
                "the file would be refused (line " + std::to_string(problem->line) + ": " + problem->text + ")",
                "fix the config file by hand (see README.md)");
  try {
    return toml::parse(text);
  } catch (const toml::parse_error& e) {
    throw Error("cannot " + what + " config.toml safely",
                "the edited file would not be valid TOML (line " + std::to_string(e.source().begin.line) +
                    ": " + std::string(e.description()) + ")",
                "edit the [repos.NAME] tables of the config file by hand (see README.md)");
  }
}

void check_edit(const std::string& old_text, const std::string& new_text, const std::string& what,
                const std::function<void(toml::table& expected, const toml::table& actual)>& expected_change) {
  toml::table expected = old_text.empty() ? toml::table{} : parse_or_refuse(old_text, what);
  toml::table actual = parse_or_refuse(new_text, what);
  expected_change(expected, actual);
  if (!(actual == expected))
    throw Error("cannot " + what + " config.toml safely", "a textual edit would change more than that one table",
                "edit the [repos.NAME] tables of the config file by hand (see README.md)");
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

}  // namespace

std::vector<RepoEntry> parse_repos_config(const toml::node& repos, const std::string& file) {
  const toml::table* t = repos.as_table();
  if (!t) throw config_error(file, repos, "repos must be a table of [repos.NAME] tables");
  std::vector<RepoEntry> entries;
  for (auto& [key, node] : *t) entries.push_back(parse_one(std::string(key.str()), node, file));
  return entries;
}

std::string config_text_with_repo(const std::string& text, const RepoEntry& entry) {
  check_repo_name(entry.name);
  std::string out = text;
  if (!out.empty() && !out.ends_with("\n")) out += "\n";
  if (!out.empty()) out += "\n";
  out += "[repos." + entry.name + "]\n";
  out += "source = " + toml_quoted(entry.source) + "\n";
  if (!entry.ref.empty()) out += "ref = " + toml_quoted(entry.ref) + "\n";
  if (entry.priority != 0) out += "priority = " + std::to_string(entry.priority) + "\n";
  check_edit(text, out, "add repo " + entry.name + " to", [&](toml::table& t, const toml::table&) {
    if (!t.contains("repos")) t.insert("repos", toml::table{});
    toml::table* repos = t.get_as<toml::table>("repos");
    if (!repos || repos->contains(entry.name))
      throw Error("cannot add repo " + entry.name + " to config.toml", "it already has a repos entry of that name",
                  "run `userpkg repo remove " + entry.name + "` first");
    toml::table added{{"source", entry.source}};
    if (!entry.ref.empty()) added.insert("ref", entry.ref);
    if (entry.priority != 0) added.insert("priority", static_cast<int64_t>(entry.priority));
    repos->insert(entry.name, std::move(added));
  });
  return out;
}

std::string config_text_without_repo(const std::string& text, const std::string& name) {
  std::vector<std::string> lines = lines_of(text);
  std::size_t begin = 0;
  while (begin < lines.size() && !is_repo_header(lines[begin], name)) ++begin;
  if (begin == lines.size())
    throw Error("config.toml has no [repos." + name + "] table to remove",
                "the repo may be written in another form (an inline table or dotted keys)",
                "remove repos." + name + " from the config file by hand");
  std::size_t end = begin + 1;
  while (end < lines.size() && !is_table_header(lines[end])) ++end;
  std::size_t keep_from = end;  // comments glued to the next header belong to it
  if (end < lines.size())
    while (keep_from > begin + 1 && is_comment(lines[keep_from - 1])) --keep_from;
  std::size_t drop_end = keep_from;
  // Drop the blank line that separated the table from what came before, so edits do not pile up
  // blank lines.
  std::size_t drop_begin = begin;
  if (drop_begin > 0 && trim(lines[drop_begin - 1]).empty()) --drop_begin;
  std::string out;
  for (std::size_t i = 0; i < lines.size(); ++i)
    if (i < drop_begin || i >= drop_end) out += lines[i] + "\n";
  if (!text.empty() && !text.ends_with("\n") && !out.empty()) out.pop_back();
  check_edit(text, out, "remove repo " + name + " from", [&](toml::table& t, const toml::table& actual) {
    if (toml::table* repos = t.get_as<toml::table>("repos")) {
      repos->erase(name);
      // An explicit empty [repos] header keeps an empty table; otherwise the table goes too.
      if (repos->empty() && !actual.contains("repos")) t.erase("repos");
    }
  });
  return out;
}

void add_repo_to_config_file(const std::filesystem::path& config, const RepoEntry& entry,
                             const std::filesystem::path& backups_dir) {
  std::string old_text = read_rc(config).value_or("");
  std::string new_text = config_text_with_repo(old_text, entry);
  ensure_dir(resolve_rc_target(config).parent_path());
  write_rc(config, new_text, backups_dir);
}

void remove_repo_from_config_file(const std::filesystem::path& config, const std::string& name,
                                  const std::filesystem::path& backups_dir) {
  auto old_text = read_rc(config);
  if (!old_text)
    throw Error("there is no config file " + config.string(), "", "nothing to remove");
  write_rc(config, config_text_without_repo(*old_text, name), backups_dir);
}

}  // namespace userpkg
