#pragma once
// The one marked block userpkg keeps in a shell startup file, as pure text editing (no I/O):
//
//   # >>> userpkg >>>
//   # Managed by userpkg; `userpkg shell deinit` removes this block.
//   if [ -r '/home/me/prefix/etc/userpkg/env.sh' ]; then . '/home/me/prefix/etc/userpkg/env.sh'; fi  # nothing…
//   # <<< userpkg <<<
//
// The promise: remove_rc_block(upsert_rc_block(text, body)) == text, byte for byte, for any text
// without a block (CRLF or LF or mixed line endings, no final newline, empty), and
// upsert_rc_block twice gives the same bytes as once.
#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>

#include "shell/shell_kind.hpp"

namespace userpkg {

inline constexpr const char* rc_block_begin_marker = "# >>> userpkg >>>";
inline constexpr const char* rc_block_end_marker = "# <<< userpkg <<<";

// The lines between the markers for `shell`, joined with '\n' (no final newline): source the
// stable env script `env_script` only if it is readable, so a deleted prefix never breaks a shell.
// Throws Error if the path holds a newline (it could not be written as one line).
std::string rc_block_body(Shell shell, const std::filesystem::path& env_script);

// Whether a block body (found in a file) sources `env_script`, as written by rc_block_body for
// any shell: tells this prefix's block from one another prefix wrote.
bool rc_block_sources(const std::string& body, const std::filesystem::path& env_script);

// Whether a block body is exactly what rc_block_body writes (for some shell and path): a block
// holding any other line was edited by hand, and those lines are the user's, never replaced.
bool rc_block_is_userpkgs(const std::string& body);

// Where a block sits in a text: [begin, end) covers the marker lines and their line endings.
struct RcBlockSpan {
  std::size_t begin = 0;
  std::size_t end = 0;
  std::string newline;  // the begin marker line's ending: "\n", "\r\n", or "" at the end of the text
  std::string body;     // the lines between the markers, joined with '\n', without '\r'
};

// The block in `text`, if there is one. A marker line is one whose text, without trailing blanks
// and '\r', is exactly a marker; a line that merely mentions userpkg is not one. Throws Error on
// a begin marker without an end marker (or the reverse) and on more than one block, since
// editing would then risk the user's own lines.
std::optional<RcBlockSpan> find_rc_block(const std::string& text);

// `text` with the block holding `body`: replaced in place if there is one (before or after a
// conda block, wherever it sits; its line endings kept), else appended at the end, with the
// file's line ending (that of its first line; the block's lines are CRLF-safe for bash) after a
// separating "\n" that remove takes away again.
std::string upsert_rc_block(const std::string& text, const std::string& body);

// `text` without the block and without the newline upsert added before it; `text` unchanged if
// it has no block.
std::string remove_rc_block(const std::string& text);

}  // namespace userpkg
