#include "fixture_archive.hpp"

#include <archive.h>
#include <archive_entry.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

#include <stdexcept>

namespace userpkg::test {

namespace {

void check(struct archive* a, int r, const char* what) {
  if (r < ARCHIVE_WARN) {
    std::string msg = std::string(what) + ": " + (archive_error_string(a) ? archive_error_string(a) : "?");
    throw std::runtime_error(msg);
  }
}

mode_t type_bits(FixtureType type) {
  switch (type) {
    case FixtureType::file: return AE_IFREG;
    case FixtureType::directory: return AE_IFDIR;
    case FixtureType::symlink: return AE_IFLNK;
    case FixtureType::hardlink: return AE_IFREG;
    case FixtureType::fifo: return AE_IFIFO;
    case FixtureType::char_device: return AE_IFCHR;
  }
  return AE_IFREG;
}

}  // namespace

void write_fixture_archive(const std::filesystem::path& path, FixtureFormat format,
                           const std::vector<FixtureEntry>& entries) {
  struct archive* a = archive_write_new();
  switch (format) {
    case FixtureFormat::tar_gz:
      archive_write_set_format_pax_restricted(a);
      archive_write_add_filter_gzip(a);
      break;
    case FixtureFormat::tar_xz:
      archive_write_set_format_pax_restricted(a);
      archive_write_add_filter_xz(a);
      break;
    case FixtureFormat::tar_bz2:
      archive_write_set_format_pax_restricted(a);
      archive_write_add_filter_bzip2(a);
      break;
    case FixtureFormat::zip:
      archive_write_set_format_zip(a);
      break;
  }
  check(a, archive_write_open_filename(a, path.c_str()), "open");
  for (const FixtureEntry& e : entries) {
    struct archive_entry* entry = archive_entry_new();
    archive_entry_set_pathname(entry, e.name.c_str());
    archive_entry_set_filetype(entry, type_bits(e.type));
    archive_entry_set_perm(entry, e.mode);
    archive_entry_set_mtime(entry, 1600000000, 0);
    if (e.type == FixtureType::file) archive_entry_set_size(entry, static_cast<la_int64_t>(e.content.size()));
    if (e.type == FixtureType::symlink) archive_entry_set_symlink(entry, e.link.c_str());
    if (e.type == FixtureType::hardlink) archive_entry_set_hardlink(entry, e.link.c_str());
    if (e.type == FixtureType::char_device) archive_entry_set_rdev(entry, makedev(1, 3));
    check(a, archive_write_header(a, entry), "header");
    if (e.type == FixtureType::file && !e.content.empty())
      if (archive_write_data(a, e.content.data(), e.content.size()) < 0) check(a, ARCHIVE_FATAL, "data");
    archive_entry_free(entry);
  }
  check(a, archive_write_close(a), "close");
  archive_write_free(a);
}

}  // namespace userpkg::test
