// libarchive, opened on first use: forwarders with the exact signatures of <archive.h> and
// <archive_entry.h> (the compiler checks them against its declarations). See linkage/dynamic/lazy_library.hpp.
#include <archive.h>
#include <archive_entry.h>

#include "linkage/dynamic/lazy_library.hpp"

static_assert(ARCHIVE_VERSION_NUMBER / 1000000 == 3, "libarchive 3.x has the soname libarchive.so.13");

namespace {

template <typename Function>
Function* archive_function(const char* name) {
  return reinterpret_cast<Function*>(
      userpkg::lazy_symbol("libarchive.so.13", name, "libarchive (Debian: libarchive13)"));
}

}  // namespace

#define USERPKG_ARCHIVE_FORWARD(ret, name, params, args)               \
  extern "C" ret name params {                                         \
    static auto* const real = archive_function<ret params>(#name);     \
    return real args;                                                  \
  }

using Archive = struct archive;
using Entry = struct archive_entry;

USERPKG_ARCHIVE_FORWARD(Archive*, archive_read_new, (void), ())
USERPKG_ARCHIVE_FORWARD(int, archive_read_free, (Archive * a), (a))
USERPKG_ARCHIVE_FORWARD(int, archive_read_support_filter_all, (Archive * a), (a))
USERPKG_ARCHIVE_FORWARD(int, archive_read_support_format_7zip, (Archive * a), (a))
USERPKG_ARCHIVE_FORWARD(int, archive_read_support_format_gnutar, (Archive * a), (a))
USERPKG_ARCHIVE_FORWARD(int, archive_read_support_format_tar, (Archive * a), (a))
USERPKG_ARCHIVE_FORWARD(int, archive_read_support_format_zip, (Archive * a), (a))
USERPKG_ARCHIVE_FORWARD(int, archive_read_open_filename, (Archive * a, const char* file, size_t block),
                        (a, file, block))
USERPKG_ARCHIVE_FORWARD(int, archive_read_next_header, (Archive * a, Entry** entry), (a, entry))
USERPKG_ARCHIVE_FORWARD(int, archive_read_data_block,
                        (Archive * a, const void** buff, size_t* size, la_int64_t* offset), (a, buff, size, offset))
USERPKG_ARCHIVE_FORWARD(const char*, archive_error_string, (Archive * a), (a))
USERPKG_ARCHIVE_FORWARD(Archive*, archive_write_disk_new, (void), ())
USERPKG_ARCHIVE_FORWARD(int, archive_write_disk_set_options, (Archive * a, int flags), (a, flags))
USERPKG_ARCHIVE_FORWARD(int, archive_write_header, (Archive * a, Entry* entry), (a, entry))
USERPKG_ARCHIVE_FORWARD(la_ssize_t, archive_write_data_block, (Archive * a, const void* buff, size_t size, la_int64_t offset),
                        (a, buff, size, offset))
USERPKG_ARCHIVE_FORWARD(int, archive_write_finish_entry, (Archive * a), (a))
USERPKG_ARCHIVE_FORWARD(int, archive_write_close, (Archive * a), (a))
USERPKG_ARCHIVE_FORWARD(int, archive_write_free, (Archive * a), (a))
USERPKG_ARCHIVE_FORWARD(__LA_MODE_T, archive_entry_filetype, (Entry * e), (e))
USERPKG_ARCHIVE_FORWARD(__LA_MODE_T, archive_entry_perm, (Entry * e), (e))
USERPKG_ARCHIVE_FORWARD(const char*, archive_entry_pathname, (Entry * e), (e))
USERPKG_ARCHIVE_FORWARD(const char*, archive_entry_hardlink, (Entry * e), (e))
USERPKG_ARCHIVE_FORWARD(const char*, archive_entry_symlink, (Entry * e), (e))
USERPKG_ARCHIVE_FORWARD(void, archive_entry_set_pathname, (Entry * e, const char* name), (e, name))
USERPKG_ARCHIVE_FORWARD(void, archive_entry_set_hardlink, (Entry * e, const char* name), (e, name))
USERPKG_ARCHIVE_FORWARD(void, archive_entry_set_perm, (Entry * e, __LA_MODE_T mode), (e, mode))
USERPKG_ARCHIVE_FORWARD(int, archive_errno, (Archive * a), (a))
USERPKG_ARCHIVE_FORWARD(la_int64_t, archive_entry_size, (Entry * e), (e))
USERPKG_ARCHIVE_FORWARD(int, archive_entry_size_is_set, (Entry * e), (e))
USERPKG_ARCHIVE_FORWARD(const char*, archive_entry_pathname_utf8, (Entry * e), (e))
