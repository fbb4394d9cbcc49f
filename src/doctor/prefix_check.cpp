#include "doctor/prefix_check.hpp"

#include <set>

namespace userpkg {
namespace {

std::string ref_text(const PackageRef& p) { return p.name + "@" + p.version; }

}  // namespace

std::vector<Finding> check_prefix_state(const PrefixFacts& facts) {
  std::vector<Finding> out;
  if (!facts.exists) {
    out.push_back({"prefix.absent", Severity::note, "the prefix " + facts.root + " does not exist yet",
                   "it is created by the first install.", "userpkg install python"});
    return out;
  }
  const PrefixLayout layout{facts.root};
  const LockHolder& holder = facts.lock.holder;
  std::string who = "pid " + std::to_string(holder.pid) + (holder.command.empty() ? "" : " (" + holder.command + ")");
  if (facts.lock.held && (facts.lock.holder_alive || holder.pid == 0)) {
    out.push_back({"prefix.lock-held", Severity::note,
                   "another userpkg is working on this prefix" + (holder.pid ? ": " + who : std::string()),
                   "its staging directory and new package directories are not leftovers while it runs.", ""});
  } else if (facts.lock.held) {
    out.push_back({"prefix.lock-foreign", Severity::warning,
                   "the prefix lock is held, by " + who + ", which is not running on this machine",
                   "another machine that shares this home directory is probably installing into the prefix.",
                   "wait for it to finish there; `userpkg` commands here wait for the lock"});
  } else if (holder.pid != 0 && !facts.lock.holder_alive) {
    out.push_back({"prefix.lock-stale", Severity::note,
                   "the lock file names " + who + ", which ended without releasing it cleanly (killed?)",
                   "harmless: the lock itself went with the process; the next userpkg takes it.",
                   "nothing to do (or `: > " + layout.lock_file().string() + "`)"});
  }

  const bool busy = facts.lock.held;  // a running userpkg's work in progress is not a leftover
  if (!facts.staging_entries.empty() && !busy)
    out.push_back({"prefix.staging-leftovers", Severity::warning,
                   std::to_string(facts.staging_entries.size()) + " leftover(s) of an interrupted run in " +
                       layout.staging().string(),
                   "left: " + list_some(facts.staging_entries),
                   "the next `userpkg install` removes them; or now: rm -rf " + layout.staging().string() + "/*"});

  std::set<PackageRef> installed;
  for (const PackageDirFacts& p : facts.packages) {
    std::string dir = layout.package_dir(p.name, p.version).string();
    if (!p.has_record) {
      if (!busy)
        out.push_back({"prefix.dir-without-record", Severity::warning,
                       dir + " has no install record (an interrupted install)",
                       "userpkg does not count it as installed.",
                       "the next `userpkg install` removes it; or now: rm -rf " + dir});
      continue;
    }
    if (!p.record_error.empty()) {
      out.push_back({"prefix.record-damaged", Severity::error, "the install record of " + dir + " cannot be read",
                     p.record_error, "userpkg install " + p.name + "@" + p.version + " after rm -rf " + dir});
      continue;
    }
    if (p.record_names && (p.record_names->name != p.name || p.record_names->version != p.version))
      out.push_back({"prefix.record-mismatch", Severity::warning,
                     dir + "'s install record says it is " + ref_text(*p.record_names),
                     "the directory was renamed or copied by hand.",
                     "rm -rf " + dir + " && userpkg install " + p.name + "@" + p.version});
    if (!p.has_files)
      out.push_back({"prefix.record-without-files", Severity::error,
                     "install record of " + p.name + " " + p.version + " but the package's files are gone",
                     dir + " holds only .userpkg/.",
                     "rm -rf " + dir + " && userpkg install " + p.name + "@" + p.version});
    else
      installed.insert({p.name, p.version});
  }

  for (const GenerationFacts& g : facts.generations) {
    std::vector<std::string> missing;
    for (const auto& p : g.packages)
      if (!installed.count(p)) missing.push_back(ref_text(p));
    if (missing.empty()) continue;
    if (g.is_current)
      out.push_back({"prefix.generation-missing-package", Severity::error,
                     "the current generation " + std::to_string(g.number) + " names packages that are not installed: " +
                         list_some(missing),
                     "their programs in the profile point at nothing.",
                     "userpkg install " + missing.front() + "   (or `userpkg rollback`)"});
    else
      out.push_back({"prefix.old-generation-missing-package", Severity::warning,
                     "generation " + std::to_string(g.number) + " names packages that are not installed: " +
                         list_some(missing),
                     "switching back to it would give broken programs.",
                     "userpkg gc   (removes old generations)"});
  }
  for (const auto& line : facts.unreadable_generations)
    out.push_back({"prefix.generation-unreadable", Severity::warning, "generation manifest unreadable: " + line, "",
                   "userpkg gc   (removes old generations)"});
  if (facts.broken_current)
    out.push_back({"prefix.current-broken", Severity::error,
                   layout.current_link().string() + " points at " + *facts.broken_current + ", which does not exist",
                   "no program of the profile is found.", "userpkg rollback   (or `userpkg switch N`)"});
  if (facts.foreign_bin)
    out.push_back({"prefix.bin-not-userpkg", Severity::error,
                   layout.bin_link().string() + " is " + *facts.foreign_bin + " that userpkg did not make",
                   "the programs of the profile (" + layout.current_link().string() +
                       "/bin) are not in it, so they are not on PATH; install refuses this prefix.",
                   "use a prefix of its own (e.g. --prefix ~/prefix), or move " + layout.bin_link().string() + " away"});
  if (!facts.broken_bin_links.empty()) {
    std::vector<std::string> names;
    for (const auto& l : facts.broken_bin_links) names.push_back(l.name + " -> " + l.target);
    out.push_back({"prefix.broken-links", Severity::error,
                   std::to_string(names.size()) + " broken link(s) in the current profile's bin", list_some(names),
                   "reinstall the packages they point into (`userpkg install NAME@VERSION`), or `userpkg rollback`"});
  }

  bool any_problem = false;
  for (const auto& f : out) any_problem = any_problem || f.severity >= Severity::warning;
  if (!any_problem)
    out.push_back({"prefix.consistent", Severity::ok,
                   "prefix " + facts.root + ": " + std::to_string(installed.size()) +
                       " package(s), install records and profile links agree",
                   "", ""});
  return out;
}

}  // namespace userpkg
