#include <catch2/catch.hpp>

#include <set>

#include "shell/rc_lint.hpp"

using namespace userpkg;

namespace {

RcLintEnv test_env() {
  static const std::set<std::string> dirs = {"/usr/local/bin", "/usr/bin", "/bin", "/home/u/bin", "/opt/tools/bin"};
  static const std::set<std::string> files = {"/home/u/.bash_aliases"};
  return RcLintEnv{"/home/u", [](const std::string& d) { return dirs.count(d) > 0; },
                   [](const std::string& f) { return files.count(f) > 0; }};
}

// "line:kind" for each finding, e.g. "2:path-nonexistent".
std::vector<std::string> found(const std::string& text, RcSyntax syntax = RcSyntax::posix) {
  std::vector<std::string> out;
  for (const auto& f : lint_rc(text, syntax, test_env())) out.push_back(std::to_string(f.line) + ":" + finding_kind_name(f.kind));
  return out;
}

using Found = std::vector<std::string>;

}  // namespace

TEST_CASE("clean startup files give no findings", "[shell][rc_lint]") {
  const char* clean[] = {
      "",
      "\n\n",
      "export PATH=\"$HOME/bin:$PATH\"\n",
      "PATH=${PATH}:/usr/local/bin\n",
      "export PATH=/usr/local/bin:/usr/bin:/bin\n",
      "PATH=/opt/tools/bin:$PATH; export PATH\n",
      "[ -d \"$HOME/bin\" ] && PATH=\"$HOME/bin:$PATH\"\n",
      "PATH=~/bin:$PATH\n",
      "export PATH=${PATH:+$PATH:}/opt/tools/bin\n",
      "typeset -x PATH=\"$PATH\":/usr/local/bin\n",
      "case $- in\n  *i*) ;;\n  *) return;;\nesac\n",
      "case \"$TERM\" in xterm*|rxvt*) PS1='\\u@\\h: ';; *) ;; esac\n",
      "cat <<EOF\nexport PATH=/nope\nit's an apostrophe\nEOF\necho done\n",
      "cat <<-'END' >/tmp/x\n\tPATH=/nope\n\tEND\n",
      "PATH=/nonexistent make install\n",
      "echo \"export PATH=/foo\"\n",
      "# export PATH=/foo\n  # it's a comment with a quote\n",
      "alias ll='ls -l'\nalias la=\"ls -A\"\n",
      "PS1='\\u@\\h:\\w\\$ '\n",
      "PS1=\"line one\nline two\"\nexport EDITOR=vim\n",
      "echo $# ${#x} a#b\n",
      "x=$(echo \"a'b\")\ny=\"$(printf '%s' \"$x\")\"\n",
      "z=`echo 'q'`\n",
      "if [ -f ~/.bash_aliases ]; then\n  . ~/.bash_aliases\nfi\n",
      "[ -f ~/.missing ] && . ~/.missing\n",
      "if [ -r \"$HOME/.local_rc\" ]; then . \"$HOME/.local_rc\"; fi\n",
      "export PATH=\"$PATH\"\n",
      "f() {\n  local PATH=/opt/tools/bin:$PATH\n}\n",
      "echo \\'not a quote\n",
      "s=$'it\\'s'\n",
      "x=\"${a:-{x}y}\"\n",
      "p=\"${post_prompt//(%K{[^\\\\\\}]#\\}|%k)/}\"\n",
      "export PATH=/usr/bin:/bin \\\n  EDITOR=vim\n",
  };
  for (const char* text : clean) {
    INFO(text);
    CHECK(found(text).empty());
  }
}

TEST_CASE("clean fish files give no findings", "[shell][rc_lint]") {
  const char* clean[] = {
      "set -gx PATH $HOME/bin $PATH\n",
      "fish_add_path /opt/tools/bin\n",
      "set -p PATH /opt/tools/bin\n",
      "set --append PATH /usr/local/bin\n",
      "set -q PATH; or set PATH /usr/bin /bin\n",
      "if status is-interactive\n  set -x EDITOR vim\nend\n",
      "echo 'it\\'s fine'\n",
      "set -x PATH (string split : $SOME)\n",  // unknown: only a note would be wrong… see below
  };
  for (std::size_t i = 0; i + 1 < std::size(clean); ++i) {
    INFO(clean[i]);
    CHECK(found(clean[i], RcSyntax::fish).empty());
  }
  CHECK(found(clean[std::size(clean) - 1], RcSyntax::fish) == Found{"1:path-unchecked"});
}

TEST_CASE("PATH replaced without $PATH and the system directories", "[shell][rc_lint]") {
  CHECK(found("# bashrc\nalias a=b\nexport PATH=/opt/foo/bin\n") == Found{"3:path-nonexistent"});
  CHECK(found("export PATH=/opt/tools/bin\n") == Found{"1:path-replaced"});
  CHECK(found("PATH=/usr/bn:/bn\n") == Found{"1:path-nonexistent"});
  CHECK(found("export PATH=\n") == Found{"1:path-replaced"});
  CHECK(found("PATH=\"\"\n") == Found{"1:path-replaced"});
  CHECK(found("PATH=$HOME/bin\n") == Found{"1:path-replaced"});
  CHECK(found("[ -d /x ] && export PATH=/x\n") == Found{"1:path-nonexistent"});
  CHECK(found("export A=1 PATH=/opt/foo/bin B=2\n") == Found{"1:path-nonexistent"});
  auto f = lint_rc("export PATH=/opt/foo/bin\n", RcSyntax::posix, test_env());
  REQUIRE(f.size() == 1);
  CHECK(f[0].severity == RcSeverity::breaks);
  CHECK(f[0].fixable);
  CHECK(f[0].first_line == 1);
  CHECK(f[0].why.find("/opt/foo/bin") != std::string::npos);
  CHECK(f[0].why.find("$PATH") != std::string::npos);
}

TEST_CASE("unset PATH and PATH = with spaces break the shell", "[shell][rc_lint]") {
  CHECK(found("unset PATH\n") == Found{"1:path-unset"});
  CHECK(found("PATH = /usr/bin\n") == Found{"1:spaces-around-equals"});
  CHECK(found("PATH =/usr/bin\n") == Found{"1:spaces-around-equals"});
  CHECK(found("export PATH = /usr/bin\n") == Found{"1:spaces-around-equals"});
  CHECK(found("export PATH= /usr/bin:$PATH\n") == Found{"1:spaces-around-equals"});
  CHECK(found("PATH= $PATH:/x\n") == Found{"1:spaces-around-equals"});
}

TEST_CASE("entries that do not work: quoted ~, empty, relative, missing", "[shell][rc_lint]") {
  CHECK(found("export PATH=\"~/bin:$PATH\"\n") == Found{"1:quoted-tilde"});
  CHECK(found("export PATH=\"$PATH:~/bin\"\n") == Found{"1:quoted-tilde"});
  CHECK(found("export PATH='~/bin'\n") == Found{"1:quoted-tilde", "1:path-nonexistent"});
  CHECK(found("export PATH=$PATH:\n") == Found{"1:empty-entry"});
  CHECK(found("PATH=:$PATH\n") == Found{"1:empty-entry"});
  CHECK(found("PATH=$PATH::/bin\n") == Found{"1:empty-entry"});
  CHECK(found("PATH=bin:$PATH\n") == Found{"1:relative-entry"});
  CHECK(found("PATH=/no/such:$PATH\n") == Found{"1:missing-entry"});
  CHECK(found("if [ -d \"$HOME/.local/bin\" ] ; then\n    PATH=\"$HOME/.local/bin:$PATH\"\nfi\n").empty());
  CHECK(found("[ -d /no/such ] && PATH=/no/such:$PATH\n").empty());
  CHECK(found("export PATH=$JAVA_HOME/bin\n") == Found{"1:path-unchecked"});
  auto f = lint_rc("export PATH=$PATH:\n", RcSyntax::posix, test_env());
  REQUIRE(f.size() == 1);
  CHECK(f[0].severity == RcSeverity::warning);
  CHECK_FALSE(f[0].fixable);
}

TEST_CASE("a missing sourced file is a note", "[shell][rc_lint]") {
  CHECK(found("source ~/.missing_file\n") == Found{"1:missing-source"});
  CHECK(found("x=1\n. \"$HOME/.nope\"\n") == Found{"2:missing-source"});
  CHECK(found(". ~/.bash_aliases\n").empty());
  CHECK(found(". \"$SOMEWHERE/x\"\n").empty());  // cannot tell
  auto f = lint_rc("source ~/.missing_file\n", RcSyntax::posix, test_env());
  CHECK(f.at(0).severity == RcSeverity::note);
}

TEST_CASE("an unterminated quote is reported where it starts", "[shell][rc_lint]") {
  CHECK(found("export A=1\necho \"hello\nexport B=2\n") == Found{"2:unterminated-quote"});
  CHECK(found("x=$(echo hi\n") == Found{"1:unterminated-quote"});
  CHECK(found("echo `date\n") == Found{"1:unterminated-quote"});
  // A stray quote on line 2 shifts the pairing of the quotes below it: blame line 2, not line 5.
  CHECK(found("export A=1\nalias x='it's'\nexport B=2\nexport C=3\necho 'hi'\n") == Found{"2:unterminated-quote"});
  // A legitimate multi-line string before the error is not blamed.
  CHECK(found("PS1='a\nb'\nx=1\necho \"oops\n") == Found{"4:unterminated-quote"});
  CHECK(found("echo 'it\\'s'\n", RcSyntax::fish).empty());
  CHECK(found("echo 'it\\'s'\n") == Found{"1:unterminated-quote"});  // sh has no \' inside '…'
  CHECK(found("echo 'oops\nset -x A 1\n", RcSyntax::fish) == Found{"1:unterminated-quote"});
  auto f = lint_rc("echo \"hello\n", RcSyntax::posix, test_env());
  CHECK(f.at(0).severity == RcSeverity::breaks);
  CHECK(f.at(0).fixable);
}

TEST_CASE("Windows line endings", "[shell][rc_lint]") {
  // The CR sticks to the last entry: "/usr/bin\r" does not exist.
  auto f = lint_rc("export PATH=/usr/bin\r\n", RcSyntax::posix, test_env());
  REQUIRE(f.size() == 1);
  CHECK(f[0].kind == RcFindingKind::windows_line_endings);
  CHECK(f[0].why.find("/usr/bin\\r") != std::string::npos);
  CHECK(found("a=1\r\nb=2\r\nc=3\n") == Found{"1:windows-line-endings"});
  CHECK(lint_rc("a=1\r\nb=2\r\n", RcSyntax::posix, test_env()).at(0).why.find("2 line") != std::string::npos);
  CHECK(found("export PATH=/opt/foo/bin\r\n") == Found{"1:path-nonexistent", "1:windows-line-endings"});
  CHECK(found("x=1\r\nexport PATH=\"$HOME/bin:$PATH\"\r\n") == Found{"1:windows-line-endings", "2:windows-line-endings"});
}

TEST_CASE("fish: set PATH without $PATH", "[shell][rc_lint]") {
  CHECK(found("set -x PATH /foo\n", RcSyntax::fish) == Found{"1:path-nonexistent"});
  CHECK(found("set -gx PATH /opt/tools/bin\n", RcSyntax::fish) == Found{"1:path-replaced"});
  CHECK(found("set -gx PATH /opt/tools/bin /usr/bin /bin\n", RcSyntax::fish).empty());
  CHECK(found("set -e PATH\n", RcSyntax::fish) == Found{"1:path-unset"});
  CHECK(found("set PATH \"~/bin\" $PATH\n", RcSyntax::fish) == Found{"1:quoted-tilde"});
  CHECK(found("set -x PATH\n", RcSyntax::fish) == Found{"1:path-replaced"});
  CHECK(found("if true\n  set -x PATH /foo\nend\n", RcSyntax::fish) == Found{"2:path-nonexistent"});
}

TEST_CASE("fix ranges: whole commands, never half a block", "[shell][rc_lint]") {
  auto one = [](const std::string& text) {
    auto f = lint_rc(text, RcSyntax::posix, test_env());
    REQUIRE(f.size() == 1);
    return f[0];
  };
  auto multi = one("export PATH=\"/opt/a:\n/opt/b\"\necho hi\n");
  CHECK(multi.fixable);
  CHECK(multi.first_line == 1);
  CHECK(multi.last_line == 2);
  auto body = one("if [ -d /opt ]; then\n  export PATH=/opt/foo/bin\nfi\n");
  CHECK(body.fixable);
  CHECK(body.keep_body);
  auto whole = one("if [ -d /x ]; then export PATH=/x; fi\n");
  CHECK(whole.fixable);
  CHECK(whole.first_line == 1);
  auto half = one("if [ -d /x ]; then export PATH=/x\nfi\n");
  CHECK_FALSE(half.fixable);
  auto not_only = one("if true; then\n  echo hi\n  PATH=/x\nfi\n");
  CHECK(not_only.fixable);
  CHECK_FALSE(not_only.keep_body);
}
