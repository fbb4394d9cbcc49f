#include "doctor/path_check.hpp"

#include "shell/path_list.hpp"

namespace userpkg {
namespace {

const std::string shell_fix = "userpkg shell init   (or, for this shell: eval \"$(userpkg env)\")";

std::optional<std::size_t> index_of(const std::vector<std::string>& entries, const std::set<std::string>& wanted) {
  for (std::size_t i = 0; i < entries.size(); ++i)
    if (wanted.count(entries[i])) return i;
  return std::nullopt;
}

}  // namespace

std::vector<Finding> check_path(const PathFacts& facts) {
  std::vector<Finding> out;
  if (!facts.path) {
    out.push_back({"path.unset", Severity::error, "PATH is not set", "no program can be found by name.",
                   "userpkg rescue   (prints a working `export PATH=…` line)"});
    return out;
  }
  const std::vector<std::string> entries = split_path_list(*facts.path);
  auto problems = check_path_list(*facts.path, [&](const std::string& d) { return facts.existing_dirs.count(d) > 0; });
  for (const PathProblem& p : problems) {
    Finding f;
    f.title = "PATH: " + describe(p);
    f.fix = "remove the entry from the line that sets PATH in your shell startup file (`userpkg rescue` names it)";
    switch (p.kind) {
      case PathProblemKind::empty_entry:
        f.id = "path.empty-entry";
        f.severity = Severity::warning;
        f.detail = "an empty entry means the current directory: programs in whatever directory you are in run by name.";
        break;
      case PathProblemKind::relative_entry:
        f.id = "path.relative-entry";
        f.severity = Severity::warning;
        f.detail = "a relative entry is looked up from the current directory, so what runs depends on where you are.";
        break;
      case PathProblemKind::missing_dir:
        f.id = "path.missing-dir";
        f.severity = Severity::note;
        f.detail = "harmless, but every lookup of a program that is not found tries it.";
        break;
      case PathProblemKind::duplicate_entry:
        f.id = "path.duplicate-entry";
        f.severity = Severity::note;
        f.detail = "only the first occurrence counts; the startup files may add it more than once.";
        f.fix = "add the directory only once (`userpkg env` output prepends only once)";
        break;
    }
    out.push_back(std::move(f));
  }

  auto ours = index_of(entries, facts.prefix_bin_entries);
  if (!ours) {
    out.push_back({"path.prefix-missing", facts.prefix_bin_exists ? Severity::warning : Severity::note,
                   facts.prefix_bin + " is not on PATH",
                   facts.prefix_bin_exists ? "programs installed by userpkg are not found by name."
                                           : "nothing is installed yet, so nothing is missed yet.",
                   shell_fix});
  } else {
    std::optional<std::size_t> usr_bin;
    for (std::size_t i = 0; i < entries.size(); ++i)
      if (entries[i] == "/usr/bin" || entries[i] == "/bin") {
        usr_bin = i;
        break;
      }
    if (usr_bin && *usr_bin < *ours)
      out.push_back({"path.prefix-behind-system", Severity::warning,
                     facts.prefix_bin + " comes after " + entries[*usr_bin] + " on PATH",
                     "the system's programs win over userpkg's where both have one.",
                     "put userpkg's block after the lines that set PATH in your startup file, or run `userpkg shell init`"});
    else
      out.push_back({"path.prefix-first", Severity::ok, facts.prefix_bin + " is on PATH, ahead of the system directories",
                     "", ""});
  }

  for (const ProgramOnPath& p : facts.programs) {
    if (!p.prefix_has) continue;
    if (p.found_is_prefix) {
      out.push_back({"path.program-resolves", Severity::ok, p.name + " resolves to the prefix's", "", ""});
      continue;
    }
    out.push_back({"path.program-shadowed", Severity::warning,
                   p.name + " resolves to " + p.found.value_or("nothing") + ", not to " + facts.prefix_bin + "/" + p.name,
                   p.found ? "a directory earlier on PATH has its own " + p.name + "."
                           : "no directory on PATH has it.",
                   ours ? "move " + facts.prefix_bin + " ahead of " +
                              std::filesystem::path(p.found.value_or("/")).parent_path().string() +
                              " on PATH (or `hash -r` if the shell remembered an old location)"
                        : shell_fix});
  }
  return out;
}

}  // namespace userpkg
