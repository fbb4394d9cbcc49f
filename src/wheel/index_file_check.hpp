#pragma once
// Which files of an index page may be chosen at all: the page is untrusted input. A file whose
// name (percent-decoded) is not a plain file name, or whose link leads anywhere but http(s) (or
// the page's own scheme, for a file:// index), is never chosen; the caller says so with -v.
#include <string>
#include <string_view>
#include <vector>

#include "wheel/simple_index.hpp"

namespace userpkg {

// Why file cannot be taken from the page at page_url ("its name holds '/'", "its link is a
// javascript: URL, not http(s)"); empty when it can. Files that are not wheels at all (.tar.gz)
// are not refused here: selection ignores them.
std::string unusable_index_file(const IndexFile& file, std::string_view page_url);

struct SkippedIndexFile {
  std::string shown_name;  // printable and at most ~100 characters
  std::string why;
};

// Removes the unusable files from files (the order of the others kept) and returns them.
std::vector<SkippedIndexFile> drop_unusable_files(std::vector<IndexFile>& files, std::string_view page_url);

// text with control and non-ASCII bytes as \xNN, cut to max_chars with "…" (for messages).
std::string printable_excerpt(std::string_view text, std::size_t max_chars = 100);

}  // namespace userpkg
