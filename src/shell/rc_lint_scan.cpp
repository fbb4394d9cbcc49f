#include "shell/rc_lint_scan.hpp"

namespace userpkg {

std::vector<std::string> split_lines_exact(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (true) {
    std::size_t nl = text.find('\n', start);
    if (nl == std::string::npos) {
      out.push_back(text.substr(start));
      return out;
    }
    out.push_back(text.substr(start, nl - start));
    start = nl + 1;
  }
}

namespace {

enum class FrameKind { single, dquote, ansi, backtick, subst, brace };

struct Frame {
  FrameKind kind;
  std::size_t open_line;
  std::string opener;
  int depth = 0;  // nested ( inside $( (the shells do not count plain braces inside ${)
};

struct Heredoc {
  std::string delimiter;
  bool strip_tabs;
};

bool is_blank(char c) { return c == ' ' || c == '\t'; }

class Scanner {
 public:
  Scanner(const std::string& s, RcSyntax syntax, ScannedText& out) : s_(s), fish_(syntax == RcSyntax::fish), out_(out) {}

  void run() {
    while (i_ < s_.size()) {
      if (stack_.empty()) top_level();
      else in_frame();
    }
    end_word();
    end_command();
    if (!stack_.empty()) {
      const Frame& f = stack_.front();
      out_.unterminated = QuoteSpan{f.open_line, 0, f.opener};
    }
  }

 private:
  char peek(std::size_t ahead = 1) const { return i_ + ahead < s_.size() ? s_[i_ + ahead] : '\0'; }

  // Appends the next character to the current word.
  void take() {
    char c = s_[i_++];
    if (!in_word_) {
      in_word_ = true;
      word_.line = line_;
    }
    word_.raw += c;
    if (c == '\n') ++line_;
  }
  void take(std::size_t n) {
    for (std::size_t k = 0; k < n && i_ < s_.size(); ++k) take();
  }
  void skip() {
    if (s_[i_++] == '\n') ++line_;
  }

  void push(FrameKind kind, std::size_t opener_length) {
    std::size_t open_line = line_;
    std::string opener = s_.substr(i_, opener_length);
    take(opener_length);
    stack_.push_back(Frame{kind, open_line, opener});
  }
  void pop() {
    Frame f = stack_.back();
    stack_.pop_back();
    take();
    if (stack_.empty() && f.open_line != line_)
      out_.multi_line_spans.push_back(QuoteSpan{f.open_line, line_, f.opener});
  }

  void end_word() {
    if (!in_word_) return;
    word_.end_line = line_;
    command_.words.push_back(std::move(word_));
    word_ = {};
    in_word_ = false;
  }
  void end_command() {
    end_word();
    if (command_.words.empty()) return;
    command_.first_line = command_.words.front().line;
    command_.last_line = std::max(command_.words.back().end_line, std::min(line_, out_.lines.size()));
    out_.commands.push_back(std::move(command_));
    command_ = {};
  }

  // The openers shared by unquoted text and the inside of $( and ${; true if one was pushed.
  bool try_open() {
    char c = s_[i_];
    if (c == '\'') { push(FrameKind::single, 1); return true; }
    if (c == '"') { push(FrameKind::dquote, 1); return true; }
    if (fish_) {
      if (c == '(') { push(FrameKind::subst, 1); return true; }
      if (c == '$' && peek() == '(') { push(FrameKind::subst, 2); return true; }
      return false;
    }
    if (c == '`') { push(FrameKind::backtick, 1); return true; }
    if (c == '$' && peek() == '\'') { push(FrameKind::ansi, 2); return true; }
    if (c == '$' && peek() == '(') { push(FrameKind::subst, 2); return true; }
    if (c == '$' && peek() == '{') { push(FrameKind::brace, 2); return true; }
    return false;
  }

  void top_level() {
    char c = s_[i_];
    if (is_blank(c)) {
      end_word();
      skip();
    } else if (c == '\n') {
      end_command();
      skip();
      skip_heredoc_bodies();
    } else if (c == '\\') {
      if (peek() == '\n') {  // line continuation
        skip();
        skip();
      } else {
        take(2);
      }
    } else if (c == '#' && !in_word_) {
      while (i_ < s_.size() && s_[i_] != '\n') skip();
    } else if (c == ';' || c == '|' || (c == '&' && !after_redirection())) {
      end_command();
      skip();
      if (i_ < s_.size() && s_[i_] == c) skip();  // && || ;;
    } else if (c == ')' || (c == '(' && !fish_)) {
      end_command();
      skip();
    } else if (!fish_ && c == '<' && peek() == '<' && peek(2) != '<') {
      read_heredoc_operator();
    } else if (!try_open()) {
      take();
    }
  }

  bool after_redirection() const { return in_word_ && (word_.raw.back() == '>' || word_.raw.back() == '<'); }

  void in_frame() {
    Frame& f = stack_.back();
    char c = s_[i_];
    switch (f.kind) {
      case FrameKind::single:
        if (fish_ && c == '\\' && (peek() == '\'' || peek() == '\\')) take(2);
        else if (c == '\'') pop();
        else take();
        return;
      case FrameKind::ansi:
        if (c == '\\') take(2);
        else if (c == '\'') pop();
        else take();
        return;
      case FrameKind::backtick:
        if (c == '\\') take(2);
        else if (c == '`') pop();
        else take();
        return;
      case FrameKind::dquote:
        if (c == '\\') take(2);
        else if (c == '"') pop();
        else if (c == '$' && peek() == '(') push(FrameKind::subst, 2);
        else if (!fish_ && c == '$' && peek() == '{') push(FrameKind::brace, 2);
        else if (!fish_ && c == '`') push(FrameKind::backtick, 1);
        else take();
        return;
      case FrameKind::subst:
      case FrameKind::brace: {
        char open = f.kind == FrameKind::subst ? '(' : '{';
        char close = f.kind == FrameKind::subst ? ')' : '}';
        if (c == '\\') take(2);
        else if (c == close && f.depth == 0) pop();
        else if (c == close) --f.depth, take();
        else if (c == '(' && open == '(' && !fish_) ++f.depth, take();  // sh does not nest plain { in ${
        else if (!try_open()) take();
        return;
      }
    }
  }

  // <<WORD, <<-WORD, <<'WORD', <<"WORD", <<\WORD: the body starts on the next line.
  void read_heredoc_operator() {
    take(2);
    bool strip_tabs = false;
    if (i_ < s_.size() && s_[i_] == '-') {
      strip_tabs = true;
      take();
    }
    while (i_ < s_.size() && is_blank(s_[i_])) take();
    std::string delimiter;
    while (i_ < s_.size()) {
      char c = s_[i_];
      if (is_blank(c) || c == '\n' || c == ';' || c == '&' || c == '|' || c == '<' || c == '>' || c == '(' || c == ')')
        break;
      if (c == '\'' || c == '"') {
        take();
        while (i_ < s_.size() && s_[i_] != c && s_[i_] != '\n') delimiter += s_[i_], take();
        if (i_ < s_.size() && s_[i_] == c) take();
      } else if (c == '\\' && peek() != '\n' && peek() != '\0') {
        take();
        delimiter += s_[i_];
        take();
      } else {
        delimiter += c;
        take();
      }
    }
    if (!delimiter.empty()) heredocs_.push_back(Heredoc{delimiter, strip_tabs});
  }

  void skip_heredoc_bodies() {
    for (const Heredoc& h : heredocs_) {
      while (i_ < s_.size()) {
        std::size_t nl = s_.find('\n', i_);
        std::string body_line = s_.substr(i_, nl == std::string::npos ? std::string::npos : nl - i_);
        i_ = nl == std::string::npos ? s_.size() : nl + 1;
        ++line_;
        if (h.strip_tabs) body_line.erase(0, body_line.find_first_not_of('\t'));
        if (body_line == h.delimiter) break;
      }
    }
    heredocs_.clear();
  }

  const std::string& s_;
  bool fish_;
  ScannedText& out_;
  std::size_t i_ = 0;
  std::size_t line_ = 1;
  std::vector<Frame> stack_;
  std::vector<Heredoc> heredocs_;
  ScannedWord word_;
  bool in_word_ = false;
  ScannedCommand command_;
};

}  // namespace

ScannedText scan_rc(const std::string& text, RcSyntax syntax) {
  ScannedText out;
  out.lines = split_lines_exact(text);
  if (out.lines.size() > 1 && out.lines.back().empty()) out.lines.pop_back();  // the final newline
  std::string joined;
  for (std::string& line : out.lines) {
    bool cr = !line.empty() && line.back() == '\r';
    if (cr) line.pop_back();
    out.ends_in_cr.push_back(cr);
    joined += line;
    joined += '\n';
  }
  Scanner(joined, syntax, out).run();
  return out;
}

}  // namespace userpkg
