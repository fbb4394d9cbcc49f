#include "platform/library_search.hpp"

#include <glob.h>
#include <sys/stat.h>

#include <deque>
#include <sstream>

#include "shell/path_list.hpp"
#include "util/error.hpp"
#include "util/fs.hpp"

namespace userpkg {

std::string describe(SearchSource source) {
  switch (source) {
    case SearchSource::direct_path: return "its path in DT_NEEDED";
    case SearchSource::rpath: return "DT_RPATH";
    case SearchSource::ld_library_path: return "LD_LIBRARY_PATH";
    case SearchSource::runpath: return "DT_RUNPATH";
    case SearchSource::ld_so_conf: return "/etc/ld.so.conf";
    case SearchSource::default_dirs: return "the default library directories";
  }
  return "?";
}

std::vector<std::string> default_library_dirs(bool is_64bit) {
  if (is_64bit)
    return {"/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu", "/lib/aarch64-linux-gnu", "/usr/lib/aarch64-linux-gnu",
            "/lib64", "/usr/lib64", "/lib", "/usr/lib"};
  return {"/lib/i386-linux-gnu", "/usr/lib/i386-linux-gnu", "/lib32", "/usr/lib32", "/lib", "/usr/lib"};
}

std::vector<LdConfEntry> parse_ld_so_conf(const std::string& text, const std::string& conf_dir) {
  std::vector<LdConfEntry> out;
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) {
    if (auto hash = line.find('#'); hash != std::string::npos) line.erase(hash);
    std::istringstream words(line);
    std::string word;
    if (!(words >> word)) continue;
    if (word == "hwcap") continue;
    if (word == "include") {
      while (words >> word) out.push_back({true, word[0] == '/' ? word : conf_dir + "/" + word});
      continue;
    }
    // Directories may be separated by spaces, tabs, commas or colons; "dir=TYPE" is an old form.
    do {
      std::string item;
      for (char c : word + ",") {
        if (c == ',' || c == ':') {
          if (auto eq = item.find('='); eq != std::string::npos) item.erase(eq);
          if (!item.empty()) out.push_back({false, item});
          item.clear();
        } else {
          item += c;
        }
      }
    } while (words >> word);
  }
  return out;
}

namespace {

void read_conf(const std::filesystem::path& path, int depth, std::vector<std::string>& dirs) {
  if (depth > 8) return;  // an include loop
  std::string text;
  try {
    text = read_file(path);
  } catch (const Error&) {
    return;  // a missing or unreadable conf file adds nothing, as for ld.so
  }
  for (const LdConfEntry& entry : parse_ld_so_conf(text, path.parent_path().string())) {
    if (!entry.is_include) {
      dirs.push_back(entry.value);
      continue;
    }
    glob_t matches{};
    if (::glob(entry.value.c_str(), 0, nullptr, &matches) == 0)
      for (std::size_t i = 0; i < matches.gl_pathc; ++i) read_conf(matches.gl_pathv[i], depth + 1, dirs);
    ::globfree(&matches);
  }
}

bool contains_token(const std::string& entry, const std::string& name) {
  return entry.find("$" + name) != std::string::npos || entry.find("${" + name + "}") != std::string::npos;
}

void replace_all(std::string& text, const std::string& from, const std::string& to) {
  for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
    text.replace(at, from.size(), to);
}

}  // namespace

std::vector<std::string> read_ld_so_conf_dirs(const std::filesystem::path& path) {
  std::vector<std::string> dirs;
  read_conf(path, 0, dirs);
  return dirs;
}

std::vector<std::string> expand_search_path(const std::string& value, const std::string& origin_dir) {
  std::vector<std::string> out;
  for (std::string entry : split_path_list(value)) {
    if (entry.empty() || contains_token(entry, "LIB") || contains_token(entry, "PLATFORM")) continue;
    replace_all(entry, "${ORIGIN}", origin_dir);
    replace_all(entry, "$ORIGIN", origin_dir);
    out.push_back(entry);
  }
  return out;
}

std::optional<FoundLibrary> find_library(const std::string& needed, const RequesterFacts& requester,
                                         const LoaderSearchConfig& config,
                                         const std::function<bool(const std::filesystem::path&)>& usable) {
  if (needed.find('/') != std::string::npos) {
    if (usable(needed)) return FoundLibrary{needed, SearchSource::direct_path, std::filesystem::path(needed).parent_path()};
    return std::nullopt;
  }
  auto search = [&](const std::vector<std::string>& dirs, SearchSource source) -> std::optional<FoundLibrary> {
    for (const auto& dir : dirs) {
      if (dir.empty() || dir[0] != '/') continue;  // relative entries depend on the cwd: not judged
      std::filesystem::path candidate = std::filesystem::path(dir) / needed;
      if (usable(candidate)) return FoundLibrary{candidate, source, dir};
    }
    return std::nullopt;
  };
  if (!requester.has_runpath)
    for (const auto& dirs : requester.rpath_chain)
      if (auto hit = search(dirs, SearchSource::rpath)) return hit;
  if (auto hit = search(config.ld_library_path, SearchSource::ld_library_path)) return hit;
  if (requester.has_runpath)
    if (auto hit = search(requester.runpath_dirs, SearchSource::runpath)) return hit;
  if (auto hit = search(config.conf_dirs, SearchSource::ld_so_conf)) return hit;
  return search(config.default_dirs, SearchSource::default_dirs);
}

DependencyTree resolve_dependencies(const std::filesystem::path& program, const LoaderSearchConfig& config) {
  DependencyTree tree;
  std::error_code ec;
  tree.program = std::filesystem::canonical(program, ec);
  if (ec) throw Error("cannot read " + program.string(), ec.message());
  const ElfInfo& main = tree.objects.emplace(tree.program, read_elf(tree.program)).first->second;
  const bool is_64bit = main.is_64bit;
  const std::uint16_t machine = main.machine;

  // Each candidate file is read once; a file that is not a compatible ELF object is skipped.
  std::map<std::filesystem::path, std::optional<ElfInfo>> candidates;
  auto usable = [&](const std::filesystem::path& path) {
    auto it = candidates.find(path);
    if (it == candidates.end()) {
      std::optional<ElfInfo> info;
      struct stat st {};
      if (::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode)) {
        try {
          ElfInfo read = read_elf(path);
          if (read.is_64bit == is_64bit && read.machine == machine) info = std::move(read);
        } catch (const Error& e) {
          tree.problems.push_back(e.what() + std::string(": ") + e.why());
        }
      }
      it = candidates.emplace(path, std::move(info)).first;
    }
    return it->second.has_value();
  };

  struct Pending {
    std::filesystem::path path;
    std::vector<std::vector<std::string>> rpath_chain;  // of its loaders, nearest first
  };
  std::deque<Pending> queue{{tree.program, {}}};
  std::map<std::string, FoundLibrary> loaded;  // by DT_NEEDED name: a loaded name is not searched again
  while (!queue.empty()) {
    Pending current = std::move(queue.front());
    queue.pop_front();
    const ElfInfo& elf = tree.objects.at(current.path);
    std::string origin = current.path.parent_path().string();
    RequesterFacts facts;
    facts.has_runpath = elf.runpath.has_value();
    if (elf.runpath) facts.runpath_dirs = expand_search_path(*elf.runpath, origin);
    facts.rpath_chain.push_back(elf.rpath && !elf.runpath ? expand_search_path(*elf.rpath, origin)
                                                          : std::vector<std::string>{});
    facts.rpath_chain.insert(facts.rpath_chain.end(), current.rpath_chain.begin(), current.rpath_chain.end());

    for (const std::string& needed : elf.needed) {
      DependencyEdge edge{current.path, needed, {}, std::nullopt};
      for (const auto& need : elf.version_needs)
        if (need.file == needed) edge.versions_needed = need.versions;
      if (auto it = loaded.find(needed); it != loaded.end()) {
        edge.found = it->second;
      } else if ((edge.found = find_library(needed, facts, config, usable))) {
        loaded.emplace(needed, *edge.found);
        if (!tree.objects.count(edge.found->path)) {
          tree.objects.emplace(edge.found->path, *candidates.at(edge.found->path));
          queue.push_back({edge.found->path, facts.rpath_chain});
        }
      }
      tree.edges.push_back(std::move(edge));
    }
  }
  return tree;
}

}  // namespace userpkg
