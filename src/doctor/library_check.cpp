#include "doctor/library_check.hpp"

#include <algorithm>
#include <set>
#include <sstream>

#include "platform/elf_versions.hpp"
#include "util/strings.hpp"

namespace userpkg {
namespace {

constexpr const char* kDriverLibrary = "libcuda.so.1";

std::string where_set(const LibraryFacts& facts) {
  if (facts.ld_library_path_assignments.empty()) return "";
  std::vector<std::string> places;
  for (const auto& line : facts.ld_library_path_assignments) places.push_back(where(line, facts.home));
  return " (set at " + list_some(places, 3) + ")";
}

// "GLIBCXX_3.4.30" -> "up to GLIBCXX_3.4.28" / "no GLIBCXX versions".
std::string what_it_has(const std::vector<std::string>& defined, const std::string& missing) {
  std::string family = version_family(missing);
  if (family.empty()) return "not " + missing;
  auto newest = newest_in_family(defined, family);
  return newest ? "up to " + *newest : "no " + family + " versions";
}

std::string program_label(const ProgramFacts& p) {
  return p.package.empty() ? p.name : p.name + " (" + p.package + ")";
}

bool is_in(const std::vector<std::string>& list, const std::string& item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

// The literal text of the shell word at `pos` in `line` (quotes removed, as userpkg's wrappers quoted
// with util shell_quote: '…' with '\'' inside), up to unquoted blank space or the first `$`
// expansion outside single quotes, which is no literal text. `pos` ends after what was read.
std::string shell_literal_word(const std::string& line, std::size_t& pos) {
  std::string out;
  char quote = 0;
  for (; pos < line.size(); ++pos) {
    const char c = line[pos];
    if (quote == '\'') {
      if (c == '\'')
        quote = 0;
      else
        out += c;
    } else if (c == '$') {
      break;
    } else if (quote == '"') {
      const bool escape = c == '\\' && pos + 1 < line.size() && std::string_view("$`\"\\").find(line[pos + 1]) != std::string_view::npos;
      if (c == '"')
        quote = 0;
      else
        out += escape ? line[++pos] : c;
    } else if (c == ' ' || c == '\t') {
      break;
    } else if (c == '\'' || c == '"') {
      quote = c;
    } else if (c == '\\' && pos + 1 < line.size()) {
      out += line[++pos];
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace

std::vector<Finding> check_ld_library_path(const LibraryFacts& facts) {
  if (!facts.ld_library_path)
    return {{"ld-library-path.unset", Severity::ok, "LD_LIBRARY_PATH is not set for the whole shell", "", ""}};
  // GPU containers (and some clusters) put the NVIDIA driver's user-space libraries in a directory
  // only LD_LIBRARY_PATH names (/usr/local/nvidia/lib64): unsetting it would break every CUDA
  // program, so such directories are kept and their libraries do not count as shadowing.
  const bool system_has_driver = facts.system_libraries.count(kDriverLibrary) > 0;
  std::vector<std::string> driver_dirs, other_dirs;
  for (const auto& [dir, libraries] : facts.ld_library_path_contents)
    (!system_has_driver && is_in(libraries, kDriverLibrary) ? driver_dirs : other_dirs).push_back(dir);
  std::vector<std::string> shadowed;
  for (const auto& [dir, libraries] : facts.ld_library_path_contents) {
    if (is_in(driver_dirs, dir)) continue;
    for (const auto& name : libraries) {
      auto system = facts.system_libraries.find(name);
      bool needed = false;
      for (const auto& p : facts.programs)
        for (const auto& link : p.links) needed = needed || link.needed == name;
      if (system != facts.system_libraries.end())
        shadowed.push_back(dir + "/" + name + " (over " + system->second + ")");
      else if (needed)
        shadowed.push_back(dir + "/" + name + " (needed by profile programs)");
    }
  }
  Finding f;
  f.id = "ld-library-path.set";
  const std::string keep_driver =
      driver_dirs.empty() ? ""
                          : "keep " + join(driver_dirs, ":") + " (it holds the NVIDIA driver's " + kDriverLibrary +
                                ", which the system's library directories lack; without it CUDA programs fail)";
  if (other_dirs.empty()) {
    f.severity = Severity::ok;
    f.title = "LD_LIBRARY_PATH names only the NVIDIA driver's directory (" + join(driver_dirs, ":") + ")";
    f.detail = "LD_LIBRARY_PATH=" + *facts.ld_library_path + "\nthe driver's " + kDriverLibrary +
               " is found nowhere else, so it must stay (GPU containers set it up this way).";
    return {f};
  }
  f.fix = driver_dirs.empty()
              ? "unset LD_LIBRARY_PATH and remove its line from your startup file" + where_set(facts) +
                    "; a program that needs it should get it from a wrapper (recipe [env] LD_LIBRARY_PATH)"
              : keep_driver + ", and remove " + join(other_dirs, ":") + " from LD_LIBRARY_PATH" + where_set(facts) +
                    "; a program that needs those should get them from a wrapper (recipe [env] LD_LIBRARY_PATH)";
  if (shadowed.empty()) {
    f.severity = Severity::note;
    f.title = "LD_LIBRARY_PATH is set for the whole shell" + where_set(facts) + "; it shadows no library right now";
    f.detail = "LD_LIBRARY_PATH=" + *facts.ld_library_path +
               "\nevery program started from this shell searches it before its own RUNPATH.";
  } else {
    f.severity = Severity::warning;
    f.title = "LD_LIBRARY_PATH is set for the whole shell and shadows " + std::to_string(shadowed.size()) +
              " librar" + (shadowed.size() == 1 ? "y" : "ies");
    f.detail = "LD_LIBRARY_PATH=" + *facts.ld_library_path + "\nshadowed: " + list_some(shadowed, 8);
  }
  return {f};
}

std::vector<Finding> check_program_libraries(const LibraryFacts& facts) {
  std::vector<Finding> out;
  std::set<std::string> seen;  // one finding per program and problem
  for (const ProgramFacts& p : facts.programs) {
    if (!p.unreadable.empty()) {
      out.push_back({"libraries.unreadable", Severity::warning, "cannot read " + p.path + " (" + p.name + ")",
                     p.unreadable,
                     p.package.empty() ? "reinstall the package that provides " + p.name + ", or `userpkg rollback`"
                                       : "reinstall " + p.package});
      continue;
    }
    for (const LinkFacts& link : p.links) {
      std::string through = link.requester == p.path ? "" : " (through " + link.requester + ")";
      if (!link.found) {
        if (!seen.insert(p.path + "|missing|" + link.needed).second) continue;
        out.push_back({"libraries.not-found", Severity::error,
                       program_label(p) + ": " + link.needed + " not found",
                       link.requester + " needs " + link.needed +
                           "; it is in none of its RPATH/RUNPATH directories, LD_LIBRARY_PATH, /etc/ld.so.conf or the "
                           "default directories.",
                       p.package.empty() ? "install the library, or remove the program from the profile"
                                         : "reinstall the package (`userpkg uninstall " + p.package.substr(0, p.package.find(' ')) +
                                               " && userpkg install " + p.package.substr(0, p.package.find(' ')) +
                                               "`), or install the system package that provides " + link.needed});
        continue;
      }
      auto missing = missing_versions(link.versions_needed, link.versions_defined);
      if (missing.empty()) continue;
      if (!seen.insert(p.path + "|version|" + link.needed + "|" + link.found->path.string()).second) continue;
      // Name the newest missing version (the one that matters) and what the library has instead.
      std::string newest = *std::max_element(missing.begin(), missing.end(), version_name_less);
      Finding f;
      f.id = "libraries.version-missing";
      f.severity = Severity::error;
      f.title = program_label(p) + " needs " + newest + " from " + link.needed + ", but " + link.found->path.string() +
                " (found via " + describe(link.found->source) + ") only has " + what_it_has(link.versions_defined, newest);
      f.detail = link.requester + " needs " + list_some(missing, 6) + " from " + link.needed + through +
                 "; the program would fail with \"version `" + newest + "' not found\".";
      if (link.found->source == SearchSource::ld_library_path) {
        bool from_wrapper = is_in(p.wrapper_library_path, link.found->dir);
        f.fix = from_wrapper ? "the profile's entry for " + p.name + " sets LD_LIBRARY_PATH to " + link.found->dir +
                                   ": fix that package's recipe [env], or reinstall it"
                             : "unset LD_LIBRARY_PATH, or remove " + link.found->dir + " from it" + where_set(facts) +
                                   "; programs from the prefix find their libraries through their RUNPATH";
      } else {
        f.fix = "the library the system provides is older than the one the program was built against: "
                "rebuild it here (`userpkg uninstall NAME && userpkg install NAME`), or put a newer " +
                link.needed + " in a directory on the program's RUNPATH";
      }
      out.push_back(std::move(f));
    }
  }
  if (out.empty() && facts.programs.empty())
    out.push_back({"libraries.none", Severity::ok, "no compiled programs in the profile yet", "", ""});
  else if (out.empty())
    out.push_back({"libraries.resolve", Severity::ok,
                   std::to_string(facts.programs.size()) +
                       " program(s) in the profile: every shared library resolves, with the versions it needs",
                   "", ""});
  return out;
}

std::optional<WrapperTarget> parse_wrapper(const std::string& script) {
  if (!script.starts_with("#!")) return std::nullopt;
  WrapperTarget target;
  std::istringstream lines(script);
  std::string line;
  while (std::getline(lines, line)) {
    std::size_t pos = line.find_first_not_of(" \t");
    if (pos == std::string::npos) continue;
    if (line.compare(pos, 7, "export ") == 0) pos = line.find_first_not_of(" \t", pos + 7);
    if (pos == std::string::npos) continue;
    // Only the first word of a line (after `export`) matters.
    if (line.compare(pos, 16, "LD_LIBRARY_PATH=") == 0) {
      pos += 16;
      std::stringstream parts(shell_literal_word(line, pos));  // "${LD_LIBRARY_PATH:+…}" is not part of it
      std::string part;
      while (std::getline(parts, part, ':'))
        if (!part.empty() && part[0] == '/') target.library_path.push_back(part);
    } else if (line.compare(pos, 5, "exec ") == 0) {
      pos = line.find_first_not_of(" \t", pos + 5);
      if (pos != std::string::npos) target.program = shell_literal_word(line, pos);
    }
  }
  if (target.program.empty() || target.program[0] != '/') return std::nullopt;
  return target;
}

}  // namespace userpkg
