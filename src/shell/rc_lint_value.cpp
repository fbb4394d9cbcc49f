#include "shell/rc_lint_value.hpp"

#include <cctype>

namespace userpkg {

bool PathValue::references_path() const {
  for (const auto& e : entries)
    if (e.inherited) return true;
  return false;
}

bool PathValue::has_unknown() const {
  for (const auto& e : entries)
    if (e.unknown) return true;
  return false;
}

namespace {

bool is_name_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

// Index just past the bracket that closes the one at `open` (raw[open] is '(' or '{'); parentheses
// nest, braces do not (sh reads "${a:-{x}y}" as "{x" then "y}").
std::size_t skip_group(const std::string& raw, std::size_t open) {
  char o = raw[open], c = o == '(' ? ')' : '}';
  int depth = 0;
  for (std::size_t i = open; i < raw.size(); ++i) {
    if (raw[i] == '\\') ++i;
    else if (raw[i] == o && (o == '(' || i == open)) ++depth;
    else if (raw[i] == c && --depth == 0) return i + 1;
  }
  return raw.size();
}

class ValueReader {
 public:
  ValueReader(const std::string& raw, RcSyntax syntax, const std::string& home, bool split)
      : raw_(raw), fish_(syntax == RcSyntax::fish), home_(home), split_(split) {}

  std::vector<PathValueEntry> read() {
    if (raw_.empty()) return {};
    while (i_ < raw_.size()) step();
    flush();
    return entries_;
  }

 private:
  bool fresh() const { return cur_.text.empty() && !cur_.unknown && !cur_.inherited; }
  void flush() {
    entries_.push_back(cur_);
    cur_ = {};
  }
  void add_home() {
    if (home_.empty()) cur_.unknown = true;
    else cur_.text += home_;
  }

  void step() {
    char c = raw_[i_];
    if (quote_ == '\'') {
      if (fish_ && c == '\\' && i_ + 1 < raw_.size() && (raw_[i_ + 1] == '\'' || raw_[i_ + 1] == '\\')) {
        cur_.text += raw_[i_ + 1];
        i_ += 2;
      } else if (c == '\'') {
        quote_ = 0;
        ++i_;
      } else if (c == ':' && split_) {
        flush();
        ++i_;
      } else if (c == '~' && fresh()) {
        tilde();
      } else {
        cur_.text += c;
        ++i_;
      }
      return;
    }
    if (c == ':' && split_) {
      flush();
      ++i_;
    } else if (c == '\'' && quote_ == 0) {
      quote_ = '\'';
      ++i_;
    } else if (c == '$' && quote_ == 0 && !fish_ && i_ + 1 < raw_.size() && raw_[i_ + 1] == '\'') {
      quote_ = '\'';  // $'…': close enough for a PATH value
      i_ += 2;
    } else if (c == '"') {
      quote_ = quote_ == '"' ? 0 : '"';
      ++i_;
    } else if (c == '\\' && i_ + 1 < raw_.size()) {
      cur_.text += raw_[i_ + 1];
      i_ += 2;
    } else if (c == '~' && fresh()) {
      tilde();
    } else if (c == '$') {
      dollar();
    } else if (c == '`') {
      std::size_t end = raw_.find('`', i_ + 1);
      i_ = end == std::string::npos ? raw_.size() : end + 1;
      cur_.unknown = true;
    } else if (c == '(' && fish_ && quote_ == 0) {
      i_ = skip_group(raw_, i_);
      cur_.unknown = true;
    } else {
      cur_.text += c;
      ++i_;
    }
  }

  void tilde() {
    ++i_;
    char next = i_ < raw_.size() ? raw_[i_] : '\0';
    bool bare = next == '\0' || next == '/' || (next == ':' && split_);
    if (quote_ != 0) {
      cur_.quoted_tilde = true;
      cur_.text += '~';
    } else if (bare) {
      add_home();
    } else {
      cur_.unknown = true;  // ~user
      cur_.text += '~';
    }
  }

  void dollar() {
    std::size_t start = i_ + 1;
    if (start < raw_.size() && raw_[start] == '(') {
      i_ = skip_group(raw_, start);
      cur_.unknown = true;
      return;
    }
    if (start < raw_.size() && raw_[start] == '{' && !fish_) {
      std::size_t end = skip_group(raw_, start);
      std::string inside = raw_.substr(start + 1, end > start + 1 ? end - start - 2 : 0);
      std::size_t n = 0;
      while (n < inside.size() && is_name_char(inside[n])) ++n;
      std::string name = inside.substr(0, n);
      bool plain = n == inside.size();
      if (name == "PATH") {
        cur_.inherited = true;
        if (!plain) cur_.unknown = true;  // ${PATH:+…}: still keeps PATH
      } else if (name == "HOME" && plain) {
        add_home();
      } else {
        cur_.unknown = true;
      }
      i_ = end;
      return;
    }
    std::size_t n = start;
    while (n < raw_.size() && is_name_char(raw_[n])) ++n;
    std::string name = raw_.substr(start, n - start);
    if (name.empty()) {
      cur_.text += '$';
      ++i_;
      return;
    }
    if (name == "PATH") cur_.inherited = true;
    else if (name == "HOME") add_home();
    else cur_.unknown = true;
    i_ = n;
    if (fish_ && i_ < raw_.size() && raw_[i_] == '[') {  // $PATH[1]: a slice
      std::size_t end = raw_.find(']', i_);
      i_ = end == std::string::npos ? raw_.size() : end + 1;
      cur_.unknown = true;
    }
  }

  const std::string& raw_;
  bool fish_;
  const std::string& home_;
  bool split_;
  std::size_t i_ = 0;
  char quote_ = 0;
  PathValueEntry cur_;
  std::vector<PathValueEntry> entries_;
};

}  // namespace

PathValue analyse_path_value(const std::string& raw, RcSyntax syntax, const std::string& home) {
  return PathValue{ValueReader(raw, syntax, home, true).read()};
}

std::optional<std::string> expand_simple_word(const std::string& raw, RcSyntax syntax, const std::string& home) {
  auto entries = ValueReader(raw, syntax, home, false).read();
  if (entries.size() != 1 || !entries[0].plain()) return std::nullopt;
  return entries[0].text;
}

}  // namespace userpkg
