// Gathering for the prefix-state check. Reads only; never takes the prefix lock (doctor must work
// while another userpkg runs, and must not wait for it).
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <filesystem>

#include "doctor/prefix_check.hpp"
#include "prefix/bin_link.hpp"
#include "prefix/generations.hpp"
#include "prefix/install_record.hpp"
#include "util/error.hpp"
#include "util/fs.hpp"

namespace userpkg {
namespace {

LockFacts lock_facts(const PrefixLayout& layout) {
  LockFacts facts;
  int fd = ::open(layout.lock_file().c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return facts;
  // A shared lock succeeds unless someone holds the exclusive one; released at once.
  if (::flock(fd, LOCK_SH | LOCK_NB) == 0) ::flock(fd, LOCK_UN);
  else facts.held = errno == EWOULDBLOCK;
  ::close(fd);
  try {
    facts.holder = parse_lock_holder(read_file(layout.lock_file()));
  } catch (const Error&) {
  }
  if (facts.holder.pid > 0)
    facts.holder_alive = ::kill(static_cast<pid_t>(facts.holder.pid), 0) == 0 || errno == EPERM;
  return facts;
}

}  // namespace

PrefixFacts gather_prefix_facts(const PrefixLayout& layout) {
  PrefixFacts facts;
  facts.root = layout.root.string();
  std::error_code ec;
  facts.exists = std::filesystem::is_directory(layout.root, ec);
  if (!facts.exists) return facts;
  facts.lock = lock_facts(layout);
  facts.foreign_bin = foreign_bin(layout);
  for (const auto& entry : directory_entries(layout.staging())) facts.staging_entries.push_back(entry.filename().string());

  for (const auto& name_dir : directory_entries(layout.pkgs())) {
    if (!std::filesystem::is_directory(name_dir, ec)) continue;
    for (const auto& version_dir : directory_entries(name_dir)) {
      if (!std::filesystem::is_directory(version_dir, ec)) continue;
      PackageDirFacts p;
      p.name = name_dir.filename().string();
      p.version = version_dir.filename().string();
      auto record = layout.record_path(p.name, p.version);
      p.has_record = std::filesystem::exists(record, ec);
      if (p.has_record) {
        try {
          InstallRecord r = read_record(record);
          p.record_names = PackageRef{r.name, r.version};
        } catch (const Error& e) {
          p.record_error = std::string(e.what()) + (e.why().empty() ? "" : ": " + e.why());
        }
      }
      for (const auto& entry : directory_entries(version_dir))
        if (entry.filename() != ".userpkg") p.has_files = true;
      facts.packages.push_back(std::move(p));
    }
  }

  std::optional<unsigned> current;
  try {
    current = current_generation_number(layout);
  } catch (const Error&) {
  }
  if (std::filesystem::is_symlink(layout.current_link(), ec) && !std::filesystem::exists(layout.current_link(), ec))
    facts.broken_current = std::filesystem::read_symlink(layout.current_link(), ec).string();
  for (unsigned number : list_generations(layout)) {
    try {
      Generation g = read_generation(layout, number);
      facts.generations.push_back({number, current == number, g.packages});
    } catch (const Error& e) {
      facts.unreadable_generations.push_back(std::to_string(number) + ": " + e.what());
    }
  }
  if (current)
    for (const auto& entry : directory_entries(layout.profile_bin(*current)))
      if (std::filesystem::is_symlink(entry, ec) && !std::filesystem::exists(entry, ec))
        facts.broken_bin_links.push_back(
            {entry.filename().string(), std::filesystem::read_symlink(entry, ec).string()});
  return facts;
}

}  // namespace userpkg
