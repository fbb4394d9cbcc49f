#pragma once
// What `userpkg rescue --fix` makes of a startup file: the lines that break the shell commented out
// with a "# userpkg rescue: " prefix (easy to find with grep and to restore by deleting the prefix),
// and Windows line endings converted: every CR at the end of a line is removed, whether all lines
// or only some end in CRLF — a CR there is never wanted in a shell script. A pure function.
#include <string>
#include <vector>

#include "shell/rc_lint.hpp"

namespace userpkg {

inline constexpr const char* rescue_comment_prefix = "# userpkg rescue: ";

struct RcLineChange {
  std::size_t line = 0;  // 1-based
  std::string before, after;
};

struct RcFixResult {
  std::string content;                // the new text (== the input when nothing changed)
  std::size_t crlf_lines_converted = 0;
  std::vector<RcLineChange> commented;  // lines commented out, in line order
  std::vector<RcFinding> remaining;     // findings in the new text (warnings, notes, unfixable ones)
  bool changed() const { return crlf_lines_converted > 0 || !commented.empty(); }
};

// Comments out one fixable breaking finding at a time and lints again, so that each decision sees
// the file as the previous one left it (e.g. two offending lines that form a whole if-body).
RcFixResult fix_rc(const std::string& text, RcSyntax syntax, const RcLintEnv& env);

// True for findings that break the shell (what --fix is about).
bool breaks_shell(const RcFinding& finding);

}  // namespace userpkg
