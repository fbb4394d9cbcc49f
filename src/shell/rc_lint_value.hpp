#pragma once
// What the value of a PATH assignment in a startup file will be, as far as it can be known without
// running the shell: quotes removed, $HOME/${HOME} and an unquoted leading ~ expanded, $PATH and
// ${PATH} recognised as "the PATH inherited", any other expansion marked unknown.
#include <optional>
#include <string>
#include <vector>

#include "shell/rc_lint_scan.hpp"

namespace userpkg {

struct PathValueEntry {
  std::string text;           // the entry with what could be expanded expanded
  bool inherited = false;     // $PATH / ${PATH…}
  bool unknown = false;       // holds an expansion rescue cannot evaluate ($X, $(…), `…`, ~user)
  bool quoted_tilde = false;  // starts with a ~ inside quotes: the shell keeps it literally
  bool plain() const { return !inherited && !unknown; }
};

struct PathValue {
  std::vector<PathValueEntry> entries;  // split on ':' (outside ${…} and $(…))
  bool references_path() const;
  bool has_unknown() const;
};

// `raw` is the text after "PATH=" (posix) or one word of a fish `set PATH …` as written.
PathValue analyse_path_value(const std::string& raw, RcSyntax syntax, const std::string& home);

// One word (e.g. the file of `source FILE`) expanded as above without splitting on ':';
// nullopt when it holds an expansion rescue cannot evaluate.
std::optional<std::string> expand_simple_word(const std::string& raw, RcSyntax syntax, const std::string& home);

}  // namespace userpkg
