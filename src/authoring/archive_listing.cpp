#include "authoring/archive_listing.hpp"

#include <archive.h>
#include <archive_entry.h>

#include <memory>

#include "util/error.hpp"

namespace userpkg {
namespace {

struct ReaderDeleter {
  void operator()(struct archive* a) const { archive_read_free(a); }
};

Error unreadable(const std::filesystem::path& archive, struct archive* a) {
  const char* text = archive_error_string(a);
  return Error("cannot list the archive " + archive.string(), text ? text : "libarchive cannot read it",
               "give the URL of a source archive (.tar.gz, .tar.xz, .tar.bz2, .zip) or of a .sh/.run installer");
}

}  // namespace

std::vector<std::string> list_archive_entries(const std::filesystem::path& archive) {
  std::unique_ptr<struct archive, ReaderDeleter> reader(archive_read_new());
  if (!reader) throw Error("internal error: cannot create a libarchive reader");
  archive_read_support_filter_all(reader.get());
  archive_read_support_format_tar(reader.get());
  archive_read_support_format_gnutar(reader.get());
  archive_read_support_format_zip(reader.get());
  archive_read_support_format_7zip(reader.get());
  if (archive_read_open_filename(reader.get(), archive.c_str(), 1 << 16) != ARCHIVE_OK)
    throw unreadable(archive, reader.get());
  std::vector<std::string> names;
  while (true) {
    struct archive_entry* entry = nullptr;
    int r = archive_read_next_header(reader.get(), &entry);  // skips the previous entry's data
    if (r == ARCHIVE_EOF) break;
    if (r != ARCHIVE_OK && r != ARCHIVE_WARN) throw unreadable(archive, reader.get());
    if (const char* name = archive_entry_pathname(entry)) names.emplace_back(name);
  }
  return names;
}

}  // namespace userpkg
