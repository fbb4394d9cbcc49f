#pragma once
// Splits the text of a startup file into simple commands and words, the way sh (or fish) would,
// closely enough for `userpkg rescue` to lint it: quotes are tracked across lines ('…', "…", $'…',
// `…`, $(…), ${…}), comments and here-document bodies are skipped, backslash-newline continues a
// line, and commands end at newlines and at ; & | && || ( ). It is not a shell parser: aliases,
// `eval`, case patterns inside $(…) and here-documents started inside $(…) are not understood.
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace userpkg {

// posix covers sh, bash and zsh files; fish has its own quoting and no here-documents.
enum class RcSyntax { posix, fish };

struct ScannedWord {
  std::string raw;  // as written, quotes included
  std::size_t line = 0;      // 1-based line where the word starts
  std::size_t end_line = 0;  // line where it ends (after a quote that spans lines)
};

struct ScannedCommand {
  std::vector<ScannedWord> words;
  std::size_t first_line = 0, last_line = 0;  // the lines the command occupies
};

// A quoted (or substituted) region; close_line 0: never closed.
struct QuoteSpan {
  std::size_t open_line = 0, close_line = 0;
  std::string opener;  // "'", "\"", "$'", "`", "$(", "${", "("
};

struct ScannedText {
  std::vector<std::string> lines;  // the physical lines, without '\n' and without a trailing CR
  std::vector<bool> ends_in_cr;    // per line: it ended in CR (Windows line ending)
  std::vector<ScannedCommand> commands;
  std::vector<QuoteSpan> multi_line_spans;  // outermost regions that span lines, in order
  std::optional<QuoteSpan> unterminated;    // the outermost region open at the end of the text
};

ScannedText scan_rc(const std::string& text, RcSyntax syntax);

// Splits text on '\n' exactly: joining the result with '\n' gives the text back.
std::vector<std::string> split_lines_exact(const std::string& text);

}  // namespace userpkg
