#include "shell/rc_lint.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include "shell/rc_lint_value.hpp"

namespace userpkg {

namespace {

bool starts_with(const std::string& s, const std::string& p) { return s.compare(0, p.size(), p) == 0; }

bool is_identifier(const std::string& s) {
  if (s.empty() || std::isdigit(static_cast<unsigned char>(s[0]))) return false;
  return std::all_of(s.begin(), s.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; });
}

// NAME=… or NAME+=… with a valid NAME.
bool is_assignment_word(const std::string& raw) {
  std::size_t eq = raw.find('=');
  if (eq == std::string::npos || eq == 0) return false;
  std::string name = raw.substr(0, raw[eq - 1] == '+' ? eq - 1 : eq);
  return is_identifier(name);
}

const std::set<std::string>& leading_keywords(RcSyntax syntax) {
  static const std::set<std::string> posix = {"if", "then", "else", "elif", "do", "while", "until", "!", "{", "time"};
  static const std::set<std::string> fish = {"if", "else", "while", "and", "or", "not", "begin", "command", "builtin"};
  return syntax == RcSyntax::fish ? fish : posix;
}

std::string strip_trailing_slashes(std::string dir) {
  while (dir.size() > 1 && dir.back() == '/') dir.pop_back();
  return dir;
}

std::string quote_list(const std::vector<std::string>& items) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) out += (i ? ", " : "") + items[i];
  return out;
}

class Linter {
 public:
  Linter(const std::string& text, RcSyntax syntax, const RcLintEnv& env)
      : t_(scan_rc(text, syntax)), syntax_(syntax), env_(env) {}

  std::vector<RcFinding> run() {
    for (std::size_t i = 0; i < t_.commands.size(); ++i) command(i);
    quotes();
    line_endings();
    std::stable_sort(out_.begin(), out_.end(), [](const RcFinding& a, const RcFinding& b) { return a.line < b.line; });
    return out_;
  }

 private:
  bool dir_exists(const std::string& d) const { return env_.dir_exists && env_.dir_exists(d); }
  bool file_exists(const std::string& f) const { return env_.file_exists && env_.file_exists(f); }

  void add(std::size_t command_index, RcFindingKind kind, RcSeverity severity, std::size_t line, std::string why) {
    RcFinding f{kind, severity, line, std::move(why)};
    if (severity == RcSeverity::breaks) set_fix_range(f, command_index);
    out_.push_back(std::move(f));
  }

  void command(std::size_t index) {
    const auto& words = t_.commands[index].words;
    std::size_t k = 0;
    while (k < words.size() && leading_keywords(syntax_).count(words[k].raw)) ++k;
    if (k == words.size()) return;
    const std::string& first = words[k].raw;
    if (first == "source" || first == ".") {
      if (k + 1 < words.size()) check_source(index, words[k + 1]);
    } else if (syntax_ == RcSyntax::fish) {
      if (first == "set") fish_set(index, k + 1);
    } else {
      posix_command(index, k);
    }
  }

  void posix_command(std::size_t index, std::size_t k) {
    const auto& words = t_.commands[index].words;
    const std::string& first = words[k].raw;
    auto spaces = [&](const ScannedWord& w) {
      add(index, RcFindingKind::spaces_around_equals, RcSeverity::breaks, w.line,
          "spaces around '=': the shell does not set PATH here but runs a command (or exports an empty PATH); "
          "write PATH=value with no spaces");
    };
    auto looks_like_path_value = [](const std::string& raw) {
      return !raw.empty() && (raw[0] == '/' || raw[0] == '$' || raw[0] == '~' || raw[0] == '"' || raw[0] == '\'' ||
                              raw.find(':') != std::string::npos);
    };
    if (first == "export" || first == "declare" || first == "typeset" || first == "local" || first == "readonly") {
      for (std::size_t j = k + 1; j < words.size(); ++j) {
        const std::string& raw = words[j].raw;
        if (raw == "PATH" && j + 1 < words.size() && starts_with(words[j + 1].raw, "=")) return spaces(words[j]);
        if (!starts_with(raw, "PATH=")) continue;
        if (raw == "PATH=" && j + 1 < words.size() && looks_like_path_value(words[j + 1].raw)) return spaces(words[j]);
        check_assignment(index, words[j], raw.substr(5));
      }
      return;
    }
    if (first == "unset") {
      for (std::size_t j = k + 1; j < words.size(); ++j)
        if (words[j].raw == "PATH")
          add(index, RcFindingKind::path_unset, RcSeverity::breaks, words[j].line,
              "unsets PATH: no command can be found by name after this line");
      return;
    }
    if (first == "PATH" && k + 1 < words.size() && starts_with(words[k + 1].raw, "=")) return spaces(words[k]);
    // Assignments: they last only when no command follows (`PATH=/x make` sets it for make only).
    std::size_t j = k;
    while (j < words.size() && is_assignment_word(words[j].raw)) ++j;
    if (j == k) return;
    if (j < words.size()) {
      for (std::size_t a = k; a < j; ++a)
        if (words[a].raw == "PATH=" && looks_like_path_value(words[j].raw)) return spaces(words[a]);
      return;
    }
    for (std::size_t a = k; a < j; ++a)
      if (starts_with(words[a].raw, "PATH=")) check_assignment(index, words[a], words[a].raw.substr(5));
  }

  // fish: set [-gxUlpa…] PATH values…
  void fish_set(std::size_t index, std::size_t j) {
    const auto& words = t_.commands[index].words;
    bool erase = false, keeps = false, query = false;
    for (; j < words.size() && starts_with(words[j].raw, "-"); ++j) {
      const std::string& f = words[j].raw;
      if (starts_with(f, "--")) {
        erase |= f == "--erase";
        keeps |= f == "--prepend" || f == "--append";
        query |= f == "--query" || f == "--names" || f == "--show";
      } else {
        erase |= f.find('e') != std::string::npos;
        keeps |= f.find_first_of("pa") != std::string::npos;
        query |= f.find_first_of("qnS") != std::string::npos;
      }
    }
    if (j >= words.size() || words[j].raw != "PATH" || query) return;
    if (erase) {
      add(index, RcFindingKind::path_unset, RcSeverity::breaks, words[j].line,
          "erases PATH: no command can be found by name after this line");
      return;
    }
    PathValue value;
    if (keeps) value.entries.push_back(PathValueEntry{"", true});
    for (std::size_t v = j + 1; v < words.size(); ++v) {
      PathValue part = analyse_path_value(words[v].raw, syntax_, env_.home);
      value.entries.insert(value.entries.end(), part.entries.begin(), part.entries.end());
    }
    check_value(index, words[j], value);
  }

  void check_assignment(std::size_t index, const ScannedWord& word, const std::string& raw_value) {
    check_value(index, word, analyse_path_value(raw_value, syntax_, env_.home));
  }

  void check_value(std::size_t index, const ScannedWord& word, const PathValue& value) {
    std::size_t line = word.line;
    path_lines_[word.end_line] = value.entries.empty() ? std::string() : value.entries.back().text;
    for (const auto& e : value.entries)
      if (e.quoted_tilde)
        add(index, RcFindingKind::quoted_tilde, RcSeverity::warning, line,
            "'~' inside quotes is not expanded: the entry '" + e.text +
                "' names a directory literally called '~'; write $HOME instead of ~");
    if (!value.references_path()) {
      if (value.has_unknown()) {
        add(index, RcFindingKind::path_unchecked, RcSeverity::note, line,
            "sets PATH without $PATH from a value rescue cannot evaluate; if commands are not found, "
            "check this line first");
        return;
      }
      std::vector<std::string> dirs;
      for (const auto& e : value.entries)
        if (!e.text.empty()) dirs.push_back(e.text);
      if (dirs.empty()) {
        add(index, RcFindingKind::path_replaced, RcSeverity::breaks, line,
            "sets PATH to nothing: no command (ls, cat, …) can be found by name after this line");
        return;
      }
      bool has_system = false, any_exists = false;
      for (const auto& d : dirs) {
        bool exists = d[0] == '/' && dir_exists(d);
        any_exists |= exists;
        std::string norm = strip_trailing_slashes(d);
        has_system |= exists && (norm == "/usr/bin" || norm == "/bin");
      }
      if (!has_system) {
        if (!any_exists)
          add(index, RcFindingKind::path_nonexistent, RcSeverity::breaks, line,
              "sets PATH to only directories that do not exist (" + quote_list(dirs) +
                  "): no command (ls, cat, …) can be found by name after this line; "
                  "to add a directory, keep the old PATH: PATH=\"DIR:$PATH\"");
        else
          add(index, RcFindingKind::path_replaced, RcSeverity::breaks, line,
              "replaces PATH with " + quote_list(dirs) +
                  " without $PATH and without /usr/bin and /bin: ls, cat and most commands are no longer "
                  "found; to add a directory, keep the old PATH: PATH=\"DIR:$PATH\"");
        return;
      }
    }
    for (const auto& e : value.entries) {
      if (!e.plain() || e.quoted_tilde) continue;
      if (e.text.empty())
        add(index, RcFindingKind::empty_entry, RcSeverity::warning, line,
            "adds an empty entry to PATH (a leading, trailing or doubled ':'), which the shell reads as the "
            "current directory: any program in the directory you are in can shadow ls");
      else if (e.text[0] != '/')
        add(index, RcFindingKind::relative_entry, RcSeverity::warning, line,
            "adds the relative entry '" + e.text + "' to PATH: it changes meaning with the current directory");
      else if (!dir_exists(e.text) && !guarded(index, e.text))
        add(index, RcFindingKind::missing_entry, RcSeverity::note, line,
            "adds '" + e.text + "' to PATH, which does not exist (harmless, but nothing is found there)");
    }
  }

  void check_source(std::size_t index, const ScannedWord& word) {
    auto file = expand_simple_word(word.raw, syntax_, env_.home);
    if (!file || file->empty() || (*file)[0] != '/' || file_exists(*file) || guarded(index, *file)) return;
    add(index, RcFindingKind::missing_source, RcSeverity::note, word.line,
        "reads " + *file + ", which does not exist (the shell prints an error at every start; harmless otherwise)");
  }

  // `[ -f F ] && . F`, `if [ -d D ]; then PATH="D:$PATH"; fi`: the path is tested just before.
  bool guarded(std::size_t index, const std::string& path) const {
    for (std::size_t back = 1; back <= 2 && back <= index; ++back)
      for (const auto& w : t_.commands[index - back].words)
        if (expand_simple_word(w.raw, syntax_, env_.home) == path) return true;
    return false;
  }

  void quotes() {
    if (!t_.unterminated) return;
    const QuoteSpan& open = *t_.unterminated;
    // A stray quote flips the pairing of every quote after it: quotes that close on the line where
    // the next one opens form a chain, and the stray one is most likely where the chain starts.
    std::size_t start = open.open_line;
    std::vector<std::size_t> chain;
    for (auto it = t_.multi_line_spans.rbegin(); it != t_.multi_line_spans.rend(); ++it)
      if (it->close_line == start && it->open_line < start) {
        start = it->open_line;
        chain.push_back(start);
      }
    std::string why;
    if (start == open.open_line) {
      why = "the " + open.opener + " opened on this line is never closed: the shell reads to the end of the file and "
            "stops with a syntax error (unexpected end of file), so nothing after this line takes effect";
    } else {
      why = "the quotes from this line on do not pair up: the " + open.opener + " opened on line " +
            std::to_string(open.open_line) +
            " is never closed, and it is left open by an odd quote here; the shell stops with a syntax error "
            "(unexpected end of file), so nothing after this line takes effect";
    }
    RcFinding f{RcFindingKind::unterminated_quote, RcSeverity::breaks, start, why};
    f.fixable = true;
    f.first_line = f.last_line = start;
    out_.push_back(std::move(f));
  }

  void line_endings() {
    std::size_t count = 0, first_other = 0;
    for (std::size_t i = 0; i < t_.ends_in_cr.size(); ++i) {
      if (!t_.ends_in_cr[i]) continue;
      ++count;
      std::size_t line = i + 1;
      auto path = path_lines_.find(line);
      if (path != path_lines_.end()) {
        RcFinding f{RcFindingKind::windows_line_endings, RcSeverity::breaks, line,
                    "ends in a Windows line ending (CR): the shell keeps the CR, so the last PATH entry is '" +
                        path->second + "\\r', a directory that does not exist"};
        f.fixable = true;
        out_.push_back(std::move(f));
      } else if (!first_other) {
        first_other = line;
      }
    }
    if (first_other) {
      RcFinding f{RcFindingKind::windows_line_endings, RcSeverity::breaks, first_other,
                  std::to_string(count) + " line(s) end in a Windows line ending (CR), starting here: the shell "
                  "takes the CR as part of each line's last word (errors such as $'\\r': command not found)"};
      f.fixable = true;
      out_.push_back(std::move(f));
    }
  }

  // Which whole lines --fix comments out for a finding in command `index`, and whether that is safe.
  void set_fix_range(RcFinding& f, std::size_t index) {
    const auto& cmds = t_.commands;
    std::size_t first = cmds[index].first_line, last = cmds[index].last_line;
    std::size_t lo = index, hi = index;
    bool grew = true;
    while (grew) {  // take in every command that shares one of the lines
      grew = false;
      while (lo > 0 && cmds[lo - 1].last_line >= first) {
        --lo;
        first = std::min(first, cmds[lo].first_line);
        grew = true;
      }
      while (hi + 1 < cmds.size() && cmds[hi + 1].first_line <= last) {
        ++hi;
        last = std::max(last, cmds[hi].last_line);
        grew = true;
      }
    }
    if (!balanced(lo, hi)) {
      f.why += " (--fix leaves this line alone: it also holds part of an if/for/{ … } block; edit it by hand)";
      return;
    }
    f.fixable = true;
    f.first_line = first;
    f.last_line = last;
    if (syntax_ == RcSyntax::posix && lo > 0 && hi + 1 < cmds.size()) {
      static const std::set<std::string> openers = {"then", "do", "else", "{"};
      static const std::set<std::string> closers = {"fi", "done", "else", "elif", "}"};
      f.keep_body = openers.count(cmds[lo - 1].words.back().raw) && closers.count(cmds[hi + 1].words.front().raw);
    }
  }

  // True if commands lo..hi open and close their blocks among themselves.
  bool balanced(std::size_t lo, std::size_t hi) const {
    std::vector<std::string> open;
    for (std::size_t c = lo; c <= hi; ++c) {
      for (const auto& w : t_.commands[c].words) {
        const std::string& r = w.raw;
        if (syntax_ == RcSyntax::fish) {
          if (r == "if" || r == "for" || r == "while" || r == "function" || r == "begin" || r == "switch") open.push_back("end");
          else if (r == "else" || r == "case") {
            if (open.empty()) return false;
            break;  // `else if …` continues the block
          }
          else if (r == "end") { if (open.empty()) return false; open.pop_back(); }
          else break;
          continue;
        }
        if (r == "if") open.push_back("fi");
        else if (r == "case") { open.push_back("esac"); break; }
        else if (r == "for" || r == "while" || r == "until") { open.push_back("done"); break; }
        else if (r == "{") open.push_back("}");
        else if (r == "then" || r == "else" || r == "elif") { if (open.empty() || open.back() != "fi") return false; }
        else if (r == "do") { if (open.empty() || open.back() != "done") return false; }
        else if (r == "fi" || r == "esac" || r == "done" || r == "}") {
          if (open.empty() || open.back() != r) return false;
          open.pop_back();
        } else if (r != "!" && r != "time") break;
      }
    }
    return open.empty();
  }

  ScannedText t_;
  RcSyntax syntax_;
  const RcLintEnv& env_;
  std::vector<RcFinding> out_;
  std::map<std::size_t, std::string> path_lines_;  // line -> last PATH entry assigned there
};

}  // namespace

std::vector<RcFinding> lint_rc(const std::string& text, RcSyntax syntax, const RcLintEnv& env) {
  return Linter(text, syntax, env).run();
}

std::string finding_kind_name(RcFindingKind kind) {
  switch (kind) {
    case RcFindingKind::path_replaced: return "path-replaced";
    case RcFindingKind::path_nonexistent: return "path-nonexistent";
    case RcFindingKind::path_unset: return "path-unset";
    case RcFindingKind::path_unchecked: return "path-unchecked";
    case RcFindingKind::spaces_around_equals: return "spaces-around-equals";
    case RcFindingKind::unterminated_quote: return "unterminated-quote";
    case RcFindingKind::windows_line_endings: return "windows-line-endings";
    case RcFindingKind::quoted_tilde: return "quoted-tilde";
    case RcFindingKind::empty_entry: return "empty-entry";
    case RcFindingKind::relative_entry: return "relative-entry";
    case RcFindingKind::missing_entry: return "missing-entry";
    case RcFindingKind::missing_source: return "missing-source";
  }
  return "unknown";
}

}  // namespace userpkg
