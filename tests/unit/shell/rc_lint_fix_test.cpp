#include <catch2/catch.hpp>

#include <set>

#include "shell/rc_lint_fix.hpp"
#include "util/strings.hpp"

using namespace userpkg;

namespace {

RcLintEnv fix_env() {
  static const std::set<std::string> dirs = {"/usr/bin", "/bin", "/opt/tools/bin"};
  return RcLintEnv{"/home/u", [](const std::string& d) { return dirs.count(d) > 0; },
                   [](const std::string&) { return true; }};
}

RcFixResult fix(const std::string& text, RcSyntax syntax = RcSyntax::posix) { return fix_rc(text, syntax, fix_env()); }

}  // namespace

TEST_CASE("fix comments out the breaking line and nothing else", "[shell][rc_fix]") {
  std::string text = "# my bashrc\nexport PATH=/opt/foo/bin\nalias ll='ls -l'\nexport PATH=$PATH:\n";
  auto r = fix(text);
  CHECK(r.content == "# my bashrc\n# userpkg rescue: export PATH=/opt/foo/bin\nalias ll='ls -l'\nexport PATH=$PATH:\n");
  REQUIRE(r.commented.size() == 1);
  CHECK(r.commented[0].line == 2);
  CHECK(r.commented[0].before == "export PATH=/opt/foo/bin");
  CHECK(r.crlf_lines_converted == 0);
  REQUIRE(r.remaining.size() == 1);  // the empty entry is a warning, left alone
  CHECK(r.remaining[0].kind == RcFindingKind::empty_entry);
  // Deleting the prefix restores the file.
  CHECK(replace_all(r.content, rescue_comment_prefix, "") == text);
}

TEST_CASE("fix leaves a clean file byte for byte", "[shell][rc_fix]") {
  for (std::string text : {"", "export PATH=\"$HOME/bin:$PATH\"", "a=1\n\n\nb=2\n\n", "x=1\n# userpkg rescue: PATH=/x\n"}) {
    auto r = fix(text);
    CHECK_FALSE(r.changed());
    CHECK(r.content == text);
  }
}

TEST_CASE("fix keeps an if-body non-empty", "[shell][rc_fix]") {
  auto r = fix("if [ -d /opt ]; then\n  export PATH=/opt/foo/bin\nfi\n");
  CHECK(r.content == "if [ -d /opt ]; then\n: # userpkg rescue:   export PATH=/opt/foo/bin\nfi\n");
  // Two offending lines that make up the whole body: one ':' is enough, and it is there.
  auto two = fix("if true; then\n  PATH=/a\n  PATH=/b\nfi\n");
  CHECK(two.content == "if true; then\n# userpkg rescue:   PATH=/a\n: # userpkg rescue:   PATH=/b\nfi\n");
  CHECK(two.commented.size() == 2);
}

TEST_CASE("fix comments out whole commands and refuses half blocks", "[shell][rc_fix]") {
  CHECK(fix("if [ -d /x ]; then export PATH=/x; fi\necho ok\n").content ==
        "# userpkg rescue: if [ -d /x ]; then export PATH=/x; fi\necho ok\n");
  CHECK(fix("export PATH=\"/opt/a:\n/opt/b\"\n").content ==
        "# userpkg rescue: export PATH=\"/opt/a:\n# userpkg rescue: /opt/b\"\n");
  std::string half = "if [ -d /x ]; then export PATH=/x\nfi\n";
  auto r = fix(half);
  CHECK(r.content == half);
  REQUIRE(r.remaining.size() == 1);
  CHECK(breaks_shell(r.remaining[0]));
  CHECK_FALSE(r.remaining[0].fixable);
}

TEST_CASE("fix converts Windows line endings to Unix ones", "[shell][rc_fix]") {
  auto all = fix("export PATH=/usr/bin:$PATH\r\nalias a=b\r\n");
  CHECK(all.content == "export PATH=/usr/bin:$PATH\nalias a=b\n");
  CHECK(all.crlf_lines_converted == 2);
  CHECK(all.commented.empty());
  CHECK(all.remaining.empty());
  auto some = fix("a=1\nexport PATH=/usr/bin\r\nb=2");
  CHECK(some.content == "a=1\nexport PATH=/usr/bin\nb=2");
  CHECK(some.crlf_lines_converted == 1);
  auto both = fix("export PATH=/opt/foo/bin\r\n");
  CHECK(both.content == "# userpkg rescue: export PATH=/opt/foo/bin\n");
  CHECK(both.remaining.empty());
}

TEST_CASE("fix comments out where an unterminated quote starts", "[shell][rc_fix]") {
  auto r = fix("alias x='it's'\necho ok\n");
  CHECK(r.content == "# userpkg rescue: alias x='it's'\necho ok\n");
  CHECK(r.remaining.empty());
  auto chain = fix("alias x='it's'\nexport B=2\necho 'hi'\n");
  CHECK(chain.content == "# userpkg rescue: alias x='it's'\nexport B=2\necho 'hi'\n");
}

TEST_CASE("fix works on fish files", "[shell][rc_fix]") {
  auto r = fix("set -x PATH /foo\nset -x EDITOR vim\n", RcSyntax::fish);
  CHECK(r.content == "# userpkg rescue: set -x PATH /foo\nset -x EDITOR vim\n");
  auto block = fix("if status is-login\n  set -x PATH /foo\nend\n", RcSyntax::fish);
  CHECK(block.content == "if status is-login\n# userpkg rescue:   set -x PATH /foo\nend\n");
}
