#include "shell/rc_block.hpp"

#include <string_view>
#include <vector>

#include "util/error.hpp"
#include "util/strings.hpp"

namespace userpkg {

namespace {

// One line of a text: [start, end) including its terminator, which is "\n", "\r\n" or "" (last line).
struct Line {
  std::size_t start;
  std::size_t end;
  std::string_view content;  // without the terminator
  std::string_view terminator;
};

std::vector<Line> lines_of(std::string_view text) {
  std::vector<Line> out;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t nl = text.find('\n', pos);
    std::size_t end = nl == std::string_view::npos ? text.size() : nl + 1;
    std::size_t content_end = nl == std::string_view::npos ? text.size() : nl;
    if (nl != std::string_view::npos && content_end > pos && text[content_end - 1] == '\r') --content_end;
    out.push_back({pos, end, text.substr(pos, content_end - pos), text.substr(content_end, end - content_end)});
    pos = end;
  }
  return out;
}

bool is_marker(std::string_view content, std::string_view marker) {
  while (!content.empty() && (content.back() == ' ' || content.back() == '\t' || content.back() == '\r'))
    content.remove_suffix(1);
  return content == marker;
}

// The line ending a new block should use: that of the file's first line, "\n" for a one-line or empty file.
std::string file_newline(std::string_view text) {
  std::size_t nl = text.find('\n');
  if (nl != std::string_view::npos && nl > 0 && text[nl - 1] == '\r') return "\r\n";
  return "\n";
}

std::string render_block(const std::string& body, const std::string& newline, std::string_view final_terminator) {
  std::string out = std::string(rc_block_begin_marker) + newline;
  for (const std::string& line : split(body, '\n')) out += line + newline;
  out += rc_block_end_marker;
  out += final_terminator;
  return out;
}

bool ends_with(std::string_view text, std::string_view tail) {
  return text.size() >= tail.size() && text.substr(text.size() - tail.size()) == tail;
}

// Single quotes for sh, bash and zsh: nothing inside is special but the quote itself.
std::string posix_quote(const std::string& word) { return "'" + replace_all(word, "'", "'\\''") + "'"; }
// Single quotes for fish: only \' and \\ are escapes inside them.
std::string fish_quote(const std::string& word) {
  return "'" + replace_all(replace_all(word, "\\", "\\\\"), "'", "\\'") + "'";
}

const char* const managed_comment = "# Managed by userpkg; `userpkg shell deinit` removes this block.";

}  // namespace

std::string rc_block_body(Shell shell, const std::filesystem::path& env_script) {
  const std::string path = env_script.string();
  if (path.find('\n') != std::string::npos || path.find('\r') != std::string::npos)
    throw Error("cannot write a shell startup block for " + path, "the path contains a line break",
                "use a prefix path without line breaks (--prefix)");
  // The trailing comment also keeps the line working in a CRLF file: the '\r' lands in the
  // comment instead of turning `fi` into `fi\r`.
  if (shell == Shell::fish) {
    const std::string q = fish_quote(path);
    return std::string(managed_comment) + "\ntest -r " + q + "; and source " + q + "  # nothing if the prefix is gone";
  }
  const std::string q = posix_quote(path);
  return std::string(managed_comment) + "\nif [ -r " + q + " ]; then . " + q + "; fi  # nothing if the prefix is gone";
}

bool rc_block_sources(const std::string& body, const std::filesystem::path& env_script) {
  const std::string path = env_script.string();
  return body.find(posix_quote(path)) != std::string::npos || body.find(fish_quote(path)) != std::string::npos;
}

namespace {

// The text between `before` and `after` in `line`, if the line has both in that order.
std::optional<std::string> between(const std::string& line, const std::string& before, const std::string& after) {
  if (!line.starts_with(before)) return std::nullopt;
  auto end = line.find(after, before.size());
  if (end == std::string::npos) return std::nullopt;
  return line.substr(before.size(), end - before.size());
}

std::optional<std::string> posix_unquote(const std::string& q) {
  if (q.size() < 2 || q.front() != '\'' || q.back() != '\'') return std::nullopt;
  return replace_all(q.substr(1, q.size() - 2), "'\\''", "'");
}

std::optional<std::string> fish_unquote(const std::string& q) {
  if (q.size() < 2 || q.front() != '\'' || q.back() != '\'') return std::nullopt;
  std::string out;
  for (std::size_t i = 1; i + 1 < q.size(); ++i) {
    if (q[i] == '\\' && i + 2 < q.size()) ++i;
    out += q[i];
  }
  return out;
}

}  // namespace

bool rc_block_is_userpkgs(const std::string& body) {
  auto lines = split(body, '\n');
  if (lines.size() != 2) return false;
  // Recover the path the line names, then compare with what rc_block_body writes for it.
  if (auto q = between(lines[1], "if [ -r ", " ]; then . "))
    if (auto path = posix_unquote(*q))
      if (path->find_first_of("\r\n") == std::string::npos && body == rc_block_body(Shell::bash, *path)) return true;
  if (auto q = between(lines[1], "test -r ", "; and source "))
    if (auto path = fish_unquote(*q))
      if (path->find_first_of("\r\n") == std::string::npos && body == rc_block_body(Shell::fish, *path)) return true;
  return false;
}

std::optional<RcBlockSpan> find_rc_block(const std::string& text) {
  std::optional<RcBlockSpan> found;
  std::optional<RcBlockSpan> open;
  std::vector<std::string> body;
  std::size_t line_number = 0;
  for (const Line& line : lines_of(text)) {
    ++line_number;
    if (is_marker(line.content, rc_block_begin_marker)) {
      if (open || found)
        throw Error("more than one userpkg block (second start marker on line " + std::to_string(line_number) + ")",
                    "userpkg keeps exactly one block between '" + std::string(rc_block_begin_marker) + "' and '" +
                        rc_block_end_marker + "'",
                    "delete the extra block by hand, then run the command again");
      open = RcBlockSpan{line.start, 0, std::string(line.terminator), ""};
      body.clear();
    } else if (is_marker(line.content, rc_block_end_marker)) {
      if (!open)
        throw Error("a userpkg end marker without a start marker (line " + std::to_string(line_number) + ")",
                    "the block was edited by hand", "delete the userpkg lines by hand, then run the command again");
      open->end = line.end;
      open->body = join(body, "\n");
      found = std::move(open);
      open.reset();
    } else if (open) {
      body.emplace_back(line.content);
    }
  }
  if (open)
    throw Error("a userpkg start marker without an end marker", "the block was edited by hand",
                "delete the userpkg lines by hand, then run the command again");
  return found;
}

std::string upsert_rc_block(const std::string& text, const std::string& body) {
  if (auto span = find_rc_block(text)) {
    // Keep the block where it is, with its own line endings (also its last line's, which may be
    // the end of the file without a newline), so an up-to-date block gives the same bytes.
    std::string_view old_block = std::string_view(text).substr(span->begin, span->end - span->begin);
    std::string_view final_terminator = ends_with(old_block, "\r\n") ? "\r\n" : ends_with(old_block, "\n") ? "\n" : "";
    const std::string newline = span->newline.empty() ? "\n" : span->newline;
    return text.substr(0, span->begin) + render_block(body, newline, final_terminator) + text.substr(span->end);
  }
  const std::string newline = file_newline(text);
  const std::string block = render_block(body, newline, newline);
  if (text.empty()) return block;
  // One newline before the block: it ends the last line if the file had no final newline, else it
  // leaves a blank line between the user's text and ours. remove_rc_block takes it away again.
  // Always "\n": in a CRLF file a blank "\r\n" line would be a command named '\r' to bash.
  return text + "\n" + block;
}

std::string remove_rc_block(const std::string& text) {
  auto span = find_rc_block(text);
  if (!span) return text;
  std::string before = text.substr(0, span->begin);
  const std::string after = text.substr(span->end);
  if (ends_with(before, "\n")) {
    std::string_view rest = std::string_view(before).substr(0, before.size() - 1);
    // The separator upsert added is either a blank line, or the end of a last line that had no
    // newline of its own (the block then still ends the file). A newline that ends a line followed
    // by more text after our block is the user's: keep it, or two lines would join.
    bool blank_line = rest.empty() || rest.back() == '\n';
    if (blank_line || after.empty()) before.resize(rest.size());
  }
  return before + after;
}

}  // namespace userpkg
