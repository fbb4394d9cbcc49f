#include "archive/extract.hpp"

#include <archive.h>
#include <archive_entry.h>
#include <locale.h>
#include <sys/stat.h>

#include <algorithm>
#include <memory>
#include <set>
#include <string>

#include "archive/entry_rules.hpp"
#include "util/error.hpp"
#include "util/no_space.hpp"

namespace userpkg {

namespace fs = std::filesystem;

namespace {

// Big reads: the default 10 KiB block makes libarchive issue thousands of read(2) calls.
constexpr std::size_t kReadBlockSize = 1 << 20;

// What we keep of an entry's mode: rwx bits but no group/other write (what tar gives a user under
// the usual umask), and never setuid/setgid/sticky (we may run as root in CI but act as a user).
constexpr mode_t kKeptPermBits = 0755;

struct ReaderDeleter {
  void operator()(struct archive* a) const { archive_read_free(a); }
};
struct WriterDeleter {
  void operator()(struct archive* a) const { archive_write_free(a); }
};
using Reader = std::unique_ptr<struct archive, ReaderDeleter>;
using Writer = std::unique_ptr<struct archive, WriterDeleter>;

std::string libarchive_message(struct archive* a) {
  const char* text = archive_error_string(a);
  return text ? text : "unknown libarchive error";
}

Error corrupt(const fs::path& archive, struct archive* a) {
  return Error("cannot extract " + archive.string(), libarchive_message(a),
               "the file is damaged, truncated or not an archive: delete it and download it again");
}

Error refused(const fs::path& archive, const std::string& entry, const std::string& why) {
  return Error("refusing to extract " + archive.string(), "entry \"" + entry + "\": " + why,
               "the archive is unsafe; check where it comes from");
}

// Entry names are converted to the locale's charset: under LANG=C a zip entry with the UTF-8 flag
// and a non-ASCII name has no name at all. Extraction runs with a UTF-8 LC_CTYPE on this thread only.
class Utf8NamesOnThisThread {
 public:
  Utf8NamesOnThisThread() {
    for (const char* name : {"C.UTF-8", "C.utf8", "en_US.UTF-8"})
      if ((locale_ = newlocale(LC_CTYPE_MASK, name, nullptr)) != nullptr) break;
    if (locale_) previous_ = uselocale(locale_);
  }
  ~Utf8NamesOnThisThread() {
    if (!locale_) return;
    uselocale(previous_);
    freelocale(locale_);
  }
  Utf8NamesOnThisThread(const Utf8NamesOnThisThread&) = delete;
  Utf8NamesOnThisThread& operator=(const Utf8NamesOnThisThread&) = delete;

 private:
  locale_t locale_ = nullptr;
  locale_t previous_ = nullptr;
};

// The bytes the archive's regular files hold, read from its headers (a second pass): what a full
// disk needed. 0 when the archive cannot be read again.
std::uint64_t uncompressed_size(const fs::path& archive);

[[noreturn]] void throw_write_failure(const fs::path& archive, const fs::path& dest, const std::string& name,
                                      struct archive* writer) {
  const int err = archive_errno(writer);
  if (is_no_space(err))
    throw NoSpaceError(dest.string(), uncompressed_size(archive), "cannot extract " + archive.string(),
                       "writing \"" + name + "\": " + errno_text(err));
  throw Error("cannot extract " + archive.string(), "writing \"" + name + "\": " + libarchive_message(writer),
              "check free space and permissions of the destination");
}

archive::EntryInfo describe(struct archive_entry* entry) {
  archive::EntryInfo info;
  const char* name = archive_entry_pathname(entry);
  if (!name) name = archive_entry_pathname_utf8(entry);
  info.name = name ? name : "";
  if (const char* target = archive_entry_hardlink(entry)) {
    info.kind = archive::EntryKind::hardlink;
    info.link_target = target;
    return info;
  }
  switch (archive_entry_filetype(entry)) {
    case AE_IFREG: info.kind = archive::EntryKind::file; break;
    case AE_IFDIR: info.kind = archive::EntryKind::directory; break;
    case AE_IFLNK: {
      info.kind = archive::EntryKind::symlink;
      const char* target = archive_entry_symlink(entry);
      info.link_target = target ? target : "";
      break;
    }
    case AE_IFCHR: info.kind_text = "character device"; break;
    case AE_IFBLK: info.kind_text = "block device"; break;
    case AE_IFIFO: info.kind_text = "fifo"; break;
    case AE_IFSOCK: info.kind_text = "socket"; break;
    default: info.kind_text = "file of unknown type"; break;
  }
  return info;
}

Reader open_reader(const fs::path& archive) {
  Reader reader(archive_read_new());
  if (!reader) throw Error("cannot extract " + archive.string(), "out of memory");
  // Only real archive formats: format_all would also accept mtree, whose entries can name
  // arbitrary local files as their contents.
  archive_read_support_filter_all(reader.get());
  archive_read_support_format_tar(reader.get());
  archive_read_support_format_gnutar(reader.get());
  archive_read_support_format_zip(reader.get());
  archive_read_support_format_7zip(reader.get());
  if (archive_read_open_filename(reader.get(), archive.c_str(), kReadBlockSize) != ARCHIVE_OK)
    throw corrupt(archive, reader.get());
  return reader;
}

// The entry names we give libarchive are absolute paths below the canonical dest, so the process
// working directory never changes (other threads may rely on it). That is why the writer cannot use
// ARCHIVE_EXTRACT_SECURE_NOABSOLUTEPATHS: EntryRules refuses absolute names before they get here.
Writer open_writer(const fs::path& archive) {
  Writer writer(archive_write_disk_new());
  if (!writer) throw Error("cannot extract " + archive.string(), "out of memory");
  archive_write_disk_set_options(writer.get(), ARCHIVE_EXTRACT_SECURE_NODOTDOT | ARCHIVE_EXTRACT_SECURE_SYMLINKS |
                                                   ARCHIVE_EXTRACT_TIME | ARCHIVE_EXTRACT_PERM);
  return writer;
}

void check_destination(const fs::path& archive, const fs::path& dest) {
  std::error_code ec;
  if (!fs::exists(archive, ec))
    throw Error("cannot extract " + archive.string(), "the file does not exist");
  if (!fs::is_directory(dest, ec))
    throw Error("cannot extract " + archive.string() + " into " + dest.string(),
                "the destination is not an existing directory");
  if (!fs::is_empty(dest, ec) || ec)
    throw Error("cannot extract " + archive.string() + " into " + dest.string(),
                ec ? ec.message() : "the destination is not empty", "extract into a fresh directory");
}

// Copies an entry's data; returns the file's size as written (end of the last block).
std::uint64_t copy_data(const fs::path& archive, const fs::path& dest, const std::string& name, struct archive* reader,
                        struct archive* writer) {
  const void* block;
  size_t size;
  la_int64_t offset;
  std::uint64_t end = 0;
  for (;;) {
    int r = archive_read_data_block(reader, &block, &size, &offset);
    if (r == ARCHIVE_EOF) return end;
    if (r < ARCHIVE_WARN) throw corrupt(archive, reader);
    // A failed write(2) (ENOSPC, EDQUOT) comes back as ARCHIVE_WARN, not as a failure: anything
    // but ARCHIVE_OK means the block is not on disk.
    if (archive_write_data_block(writer, block, size, offset) != ARCHIVE_OK)
      throw_write_failure(archive, dest, name, writer);
    end = std::max<std::uint64_t>(end, static_cast<std::uint64_t>(offset) + size);
  }
}

std::uint64_t uncompressed_size(const fs::path& archive) {
  try {
    Reader reader = open_reader(archive);
    std::uint64_t total = 0;
    struct archive_entry* entry;
    while (archive_read_next_header(reader.get(), &entry) == ARCHIVE_OK)
      if (archive_entry_size_is_set(entry) && archive_entry_size(entry) > 0)
        total += static_cast<std::uint64_t>(archive_entry_size(entry));
    return total;
  } catch (const Error&) {
    return 0;
  }
}

// The file as it lies on disk has the size its data gave it (a short write that libarchive let
// through would leave it shorter).
void check_written_size(const fs::path& archive, const fs::path& dest, const fs::path& path, const std::string& name,
                        std::uint64_t expected) {
  struct stat st {};
  if (::lstat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode) || static_cast<std::uint64_t>(st.st_size) == expected)
    return;
  throw Error("cannot extract " + archive.string(),
              "\"" + name + "\" has " + std::to_string(st.st_size) + " bytes on disk, the archive holds " +
                  std::to_string(expected),
              "check free space and the disk quota of " + dest.string());
}

}  // namespace

fs::path extract_archive(const fs::path& archive, const fs::path& dest) {
  check_destination(archive, dest);
  // No symlinks in the destination's own path: ARCHIVE_EXTRACT_SECURE_SYMLINKS checks every component.
  const fs::path root = fs::canonical(dest);
  Utf8NamesOnThisThread utf8_names;
  Reader reader = open_reader(archive);
  Writer writer = open_writer(archive);

  archive::EntryRules rules;
  std::set<std::string> top_level;
  std::size_t entries = 0;
  std::string previous;  // the last entry read, to say where a damaged archive went wrong
  bool previous_was_hardlink = false;
  struct archive_entry* entry;
  for (;;) {
    int r = archive_read_next_header(reader.get(), &entry);
    if (r == ARCHIVE_EOF) break;
    // ARCHIVE_RETRY: a header that does not parse (e.g. after a GNU hard link that carried data,
    // which tar cannot hold): this entry has no name to speak of.
    if (r == ARCHIVE_RETRY || r < ARCHIVE_WARN) {
      if (previous.empty()) throw corrupt(archive, reader.get());
      throw Error("cannot extract " + archive.string(),
                  "after entry \"" + previous + "\"" +
                      (previous_was_hardlink ? " (a hard link, which carries no data in tar: data after it breaks the archive)"
                                             : std::string()) +
                      ": " + libarchive_message(reader.get()),
                  "the file is damaged, truncated or not an archive: delete it and download it again");
    }
    ++entries;

    archive::EntryInfo info = describe(entry);
    if (info.name.empty() && r == ARCHIVE_WARN)
      throw Error("cannot extract " + archive.string(),
                  (previous.empty() ? std::string("the first entry") : "the entry after \"" + previous + "\"") + ": " +
                      libarchive_message(reader.get()),
                  "set LANG to a UTF-8 locale (e.g. C.UTF-8) and try again");
    previous = info.name;
    previous_was_hardlink = info.kind == archive::EntryKind::hardlink;
    if (auto too_long = archive::name_too_long(info.name))
      throw Error("cannot extract " + archive.string(), "entry \"" + archive::abbreviated(info.name) + "\": " + *too_long,
                  "file systems cannot hold such a name: the archive is broken; check where it comes from");
    archive::EntryRules::Verdict verdict = rules.check(info);
    if (verdict.refusal) throw refused(archive, info.name, *verdict.refusal);
    if (verdict.name.empty()) continue;  // "./": the destination itself, which exists already
    top_level.insert(verdict.name.substr(0, verdict.name.find('/')));

    const fs::path target = root / verdict.name;
    archive_entry_set_pathname(entry, target.c_str());
    if (info.kind == archive::EntryKind::hardlink)
      archive_entry_set_hardlink(entry, (root / verdict.hardlink_target).c_str());
    archive_entry_set_perm(entry, archive_entry_perm(entry) & kKeptPermBits);

    if (int h = archive_write_header(writer.get(), entry); h != ARCHIVE_OK) {
      if (is_no_space(archive_errno(writer.get()))) throw_write_failure(archive, root, info.name, writer.get());
      if (h < ARCHIVE_WARN) throw refused(archive, info.name, libarchive_message(writer.get()));
    }
    const bool has_data = info.kind == archive::EntryKind::file || info.kind == archive::EntryKind::hardlink;
    const std::uint64_t written = has_data ? copy_data(archive, root, info.name, reader.get(), writer.get()) : 0;
    if (int f = archive_write_finish_entry(writer.get()); f != ARCHIVE_OK) {
      if (is_no_space(archive_errno(writer.get()))) throw_write_failure(archive, root, info.name, writer.get());
      if (f < ARCHIVE_WARN)
        throw Error("cannot extract " + archive.string(),
                    "finishing \"" + info.name + "\": " + libarchive_message(writer.get()));
    }
    if (info.kind == archive::EntryKind::file && archive_entry_size_is_set(entry))
      check_written_size(archive, root, target, info.name,
                         std::max<std::uint64_t>(written, static_cast<std::uint64_t>(archive_entry_size(entry))));
  }
  // Directory modes and times are applied here (libarchive defers them so read-only directories
  // can still be filled).
  if (archive_write_close(writer.get()) != ARCHIVE_OK) {
    if (is_no_space(archive_errno(writer.get()))) throw_write_failure(archive, root, "(directory times)", writer.get());
    throw Error("cannot extract " + archive.string(), libarchive_message(writer.get()));
  }
  if (entries == 0)
    throw Error("cannot extract " + archive.string(), "the archive holds no entries",
                "the file is probably not an archive: delete it and download it again");

  if (top_level.size() == 1) {
    fs::path top = root / *top_level.begin();
    std::error_code ec;
    if (fs::is_directory(fs::symlink_status(top, ec))) return top;
  }
  return root;
}

}  // namespace userpkg
