#pragma once
// The lint behind `userpkg rescue`: which lines of a startup file (~/.bashrc, ~/.profile,
// config.fish, …) break the shell's PATH or its syntax, with line numbers and why. A pure function
// of the text; whether directories and files exist is asked through RcLintEnv.
//
// What it finds (posix = sh/bash/zsh files, fish = fish files):
//   PATH replaced without $PATH and without /usr/bin or /bin (`export PATH=/foo`, fish
//   `set -x PATH /foo`), PATH set to only directories that do not exist, `unset PATH` /
//   `set -e PATH`, `PATH = …` with spaces, a quote that is never closed (reported where the run of
//   unbalanced quotes starts), Windows line endings, a `~` inside quotes in a PATH value (not
//   expanded), an empty PATH entry (`PATH=$PATH:`), relative and missing entries, and `source`/`.`
//   of a missing file.
// Limits (it is a line-based lint with quote tracking, not a shell): PATH values built from other
// variables or command output are only noted; zsh's `path=(…)` array, `eval`, aliases and
// functions defined but never called are not understood; a heredoc started inside $(…) is not
// skipped. Assignments that only prefix a command (`PATH=/x make`) are correctly ignored.
#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "shell/rc_lint_scan.hpp"

namespace userpkg {

enum class RcFindingKind {
  path_replaced,         // PATH set without $PATH and without the system directories
  path_nonexistent,      // PATH set to only directories that do not exist
  path_unset,            // unset PATH / set -e PATH
  path_unchecked,        // PATH set without $PATH from something rescue cannot evaluate (note)
  spaces_around_equals,  // PATH = /x
  unterminated_quote,
  windows_line_endings,  // CR at the end of lines
  quoted_tilde,          // "~/bin" in a PATH value
  empty_entry,           // PATH=$PATH:
  relative_entry,        // PATH=bin:$PATH
  missing_entry,         // PATH=/no/such/dir:$PATH (note)
  missing_source,        // source ~/.missing (note)
};

enum class RcSeverity { breaks, warning, note };

struct RcFinding {
  RcFindingKind kind;
  RcSeverity severity;
  std::size_t line = 0;  // 1-based line to look at
  std::string why;
  // What `rescue --fix` does: comment out lines first_line..last_line (whole lines), or, for
  // windows_line_endings, strip the CRs. fixable is false where commenting out would itself break
  // the syntax (the lines hold part of an if/for/{ … } block), or for findings that do not break
  // the shell.
  bool fixable = false;
  std::size_t first_line = 0, last_line = 0;
  // Posix only: the lines are the only command of an if/then, do or { body, so the fix keeps a
  // `:` there (an empty body is a syntax error in bash).
  bool keep_body = false;
};

struct RcLintEnv {
  std::string home;  // for $HOME and ~; empty: unknown
  std::function<bool(const std::string&)> dir_exists;
  std::function<bool(const std::string&)> file_exists;
};

std::vector<RcFinding> lint_rc(const std::string& text, RcSyntax syntax, const RcLintEnv& env);

// "path-replaced", "unterminated-quote", … (for tests and --json style output).
std::string finding_kind_name(RcFindingKind kind);

}  // namespace userpkg
