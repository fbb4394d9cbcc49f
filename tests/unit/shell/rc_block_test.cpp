#include <catch2/catch.hpp>

#include <random>

#include "shell/rc_block.hpp"
#include "util/error.hpp"
#include "util/fs.hpp"
#include "util/process.hpp"

using namespace userpkg;

namespace {

const std::string conda_block =
    "# >>> conda initialize >>>\n"
    "# !! Contents within this block are managed by 'conda init' !!\n"
    "__conda_setup=\"$('/opt/conda/bin/conda' 'shell.bash' 'hook' 2> /dev/null)\"\n"
    "eval \"$__conda_setup\"\n"
    "# <<< conda initialize <<<\n";

std::string body_for(const std::string& prefix) { return rc_block_body(Shell::bash, prefix + "/etc/userpkg/env.sh"); }

// The odd inputs the round-trip properties run over: every line kind with every line ending,
// with and without a final newline, built by a seeded generator so a failure reproduces.
std::vector<std::string> odd_inputs() {
  const std::vector<std::string> lines = {
      "export PATH=\"$HOME/bin:$PATH\"",
      "alias ll='ls -l'",
      "",
      "   ",
      "\t",
      "# userpkg is installed in ~/prefix",
      "echo '# >>> userpkg >>> is not a marker when more follows'",
      "  # >>> userpkg >>>",  // indented: not a marker line
      "# <<< userpkg <<< (closing words)",
      "echo héllo wörld ✓ 日本語 🐍",
      std::string(20000, 'x'),
      "line ending in a backslash \\",
      "\r",
      "# >>> conda initialize >>>",
      "conda activate base",
      "# <<< conda initialize <<<",
  };
  const std::vector<std::string> endings = {"\n", "\r\n"};
  std::vector<std::string> out = {"", "\n", "\r\n", "\n\n\n", "   ", " \t \n", "x", "\r", conda_block,
                                  "export A=1\r\nexport B=2", conda_block + "alias x=y"};
  std::mt19937 random(20240501);
  for (int n = 0; n < 400; ++n) {
    const int count = std::uniform_int_distribution<int>(1, 8)(random);
    const int style = std::uniform_int_distribution<int>(0, 2)(random);  // LF, CRLF, mixed
    std::string text;
    for (int i = 0; i < count; ++i) {
      text += lines[std::uniform_int_distribution<std::size_t>(0, lines.size() - 1)(random)];
      text += style == 2 ? endings[std::uniform_int_distribution<std::size_t>(0, 1)(random)] : endings[std::size_t(style)];
    }
    if (std::uniform_int_distribution<int>(0, 2)(random) == 0) {
      // no final newline
      while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
    }
    if (std::uniform_int_distribution<int>(0, 4)(random) == 0) text = conda_block + text;
    if (std::uniform_int_distribution<int>(0, 4)(random) == 0) text += conda_block;
    out.push_back(text);
  }
  return out;
}

std::string visible(const std::string& text) {
  std::string out;
  for (char c : text) out += c == '\r' ? std::string("\\r") : c == '\n' ? std::string("\\n\n") : std::string(1, c);
  return out.size() > 600 ? out.substr(0, 600) + "…" : out;
}

}  // namespace

TEST_CASE("remove_rc_block restores the exact bytes and upsert is idempotent, over many odd inputs",
          "[shell][rc_block]") {
  const std::string body = body_for("/home/me/prefix");
  const std::string outdated = "# an older userpkg wrote this\n. /home/me/old-prefix/etc/userpkg/env.sh";
  for (const std::string& original : odd_inputs()) {
    INFO("original:\n" << visible(original));
    REQUIRE_FALSE(find_rc_block(original));
    const std::string once = upsert_rc_block(original, body);
    INFO("with block:\n" << visible(once));
    REQUIRE(once.size() > original.size());
    CHECK(once.compare(0, original.size(), original) == 0);  // appended; the user's text untouched
    CHECK(upsert_rc_block(once, body) == once);
    CHECK(remove_rc_block(once) == original);
    auto span = find_rc_block(once);
    REQUIRE(span);
    CHECK(span->body == body);
    CHECK(span->end == once.size());

    // An outdated block is replaced in place, and removing it still gives the original back.
    const std::string old = upsert_rc_block(original, outdated);
    CHECK(upsert_rc_block(old, body) == once);
    CHECK(remove_rc_block(upsert_rc_block(old, body)) == original);
  }
}

TEST_CASE("the block uses the file's line ending and a separating newline", "[shell][rc_block]") {
  const std::string body = "b1\nb2";
  CHECK(upsert_rc_block("", body) == "# >>> userpkg >>>\nb1\nb2\n# <<< userpkg <<<\n");
  CHECK(upsert_rc_block("a\n", body) == "a\n\n# >>> userpkg >>>\nb1\nb2\n# <<< userpkg <<<\n");
  CHECK(upsert_rc_block("a", body) == "a\n# >>> userpkg >>>\nb1\nb2\n# <<< userpkg <<<\n");
  CHECK(upsert_rc_block("a\r\nb", body) == "a\r\nb\n# >>> userpkg >>>\r\nb1\r\nb2\r\n# <<< userpkg <<<\r\n");
  CHECK(upsert_rc_block("a\r\n", body) == "a\r\n\n# >>> userpkg >>>\r\nb1\r\nb2\r\n# <<< userpkg <<<\r\n");
  CHECK(remove_rc_block("a\r\nb\n# >>> userpkg >>>\r\nb1\r\nb2\r\n# <<< userpkg <<<\r\n") == "a\r\nb");
}

TEST_CASE("a block before a conda block stays there; a new block goes after it", "[shell][rc_block]") {
  const std::string body = body_for("/p");
  const std::string ours_first = "alias a=b\n\n# >>> userpkg >>>\n# old\n# <<< userpkg <<<\n" + conda_block;
  const std::string updated = upsert_rc_block(ours_first, body);
  CHECK(updated == "alias a=b\n\n# >>> userpkg >>>\n" + body + "\n# <<< userpkg <<<\n" + conda_block);
  CHECK(remove_rc_block(updated) == "alias a=b\n" + conda_block);

  const std::string theirs = "alias a=b\n" + conda_block;
  const std::string appended = upsert_rc_block(theirs, body);
  CHECK(appended.find(conda_block) == std::string("alias a=b\n").size());
  CHECK(appended.find("# >>> userpkg >>>") > appended.find("# <<< conda initialize <<<"));
}

TEST_CASE("removing a block the user moved between lines never joins two lines", "[shell][rc_block]") {
  CHECK(remove_rc_block("a\n# >>> userpkg >>>\nx\n# <<< userpkg <<<\nb\n") == "a\nb\n");
  CHECK(remove_rc_block("# >>> userpkg >>>\nx\n# <<< userpkg <<<\nb\n") == "b\n");
  CHECK(remove_rc_block("no block\n") == "no block\n");
}

TEST_CASE("a hand-made block whose end marker lacks a newline is kept byte-identical when up to date",
          "[shell][rc_block]") {
  const std::string text = "a\n# >>> userpkg >>>\nbody\n# <<< userpkg <<<";
  CHECK(upsert_rc_block(text, "body") == text);
  CHECK(upsert_rc_block(text, "new") == "a\n# >>> userpkg >>>\nnew\n# <<< userpkg <<<");
}

TEST_CASE("marker lines must be exact; broken or doubled blocks are refused", "[shell][rc_block]") {
  CHECK_FALSE(find_rc_block("echo userpkg\n# >>> userpkg >>> and more\n  # <<< userpkg <<<\n"));
  CHECK(find_rc_block("# >>> userpkg >>>  \r\nx\r\n# <<< userpkg <<<\t\r\n"));
  CHECK_THROWS_AS(find_rc_block("# >>> userpkg >>>\nx\n"), Error);
  CHECK_THROWS_AS(find_rc_block("x\n# <<< userpkg <<<\n"), Error);
  const std::string block = "# >>> userpkg >>>\nx\n# <<< userpkg <<<\n";
  CHECK_THROWS_AS(upsert_rc_block(block + block, "y"), Error);
  CHECK_THROWS_AS(remove_rc_block(block + "# >>> userpkg >>>\n"), Error);
}

TEST_CASE("the block bodies source the env script only if readable, with quoted paths", "[shell][rc_block]") {
  CHECK(rc_block_body(Shell::bash, "/p q/etc/userpkg/env.sh") ==
        "# Managed by userpkg; `userpkg shell deinit` removes this block.\n"
        "if [ -r '/p q/etc/userpkg/env.sh' ]; then . '/p q/etc/userpkg/env.sh'; fi  # nothing if the prefix is gone");
  CHECK(rc_block_body(Shell::fish, "/it's/env.fish").find("test -r '/it\\'s/env.fish'; and source '/it\\'s/env.fish'") !=
        std::string::npos);
  CHECK(rc_block_body(Shell::zsh, "/it's").find("'/it'\\''s'") != std::string::npos);
  CHECK_THROWS_AS(rc_block_body(Shell::sh, "/a\nb"), Error);
  CHECK(rc_block_sources(rc_block_body(Shell::sh, "/it's/env.sh"), "/it's/env.sh"));
  CHECK(rc_block_sources(rc_block_body(Shell::fish, "/it's/env.fish"), "/it's/env.fish"));
  CHECK_FALSE(rc_block_sources(rc_block_body(Shell::sh, "/other/env.sh"), "/it's/env.sh"));
}

TEST_CASE("the sh block sources an odd path in a real /bin/sh and is silent when it is gone", "[shell][rc_block]") {
  ScopedDir dir{make_unique_dir(fs::temp_directory_path(), "userpkg-block-test")};
  const fs::path odd = dir.path() / "it's a dir";
  ensure_dir(odd);
  write_file_atomic(odd / "env.sh", "echo sourced\n");
  const std::string script = upsert_rc_block("", rc_block_body(Shell::sh, odd / "env.sh"));
  auto present = capture_process({"/bin/sh", "-c", script});
  CHECK(present.status == 0);
  CHECK(present.output == "sourced\n");
  // Written into a CRLF file the block still works: the '\r' ends up in a comment.
  const std::string crlf = upsert_rc_block("export A=1\r\n", rc_block_body(Shell::sh, odd / "env.sh"));
  auto in_crlf = capture_process({"/bin/sh", "-c", crlf});
  CHECK(in_crlf.status == 0);
  CHECK(in_crlf.output == "sourced\n");
  fs::remove(odd / "env.sh");
  auto gone = capture_process({"/bin/sh", "-c", script});
  CHECK(gone.status == 0);
  CHECK(gone.output.empty());
}

TEST_CASE("only the exact bodies userpkg writes count as its own; any other line is the user's", "[shell][rc_block]") {
  for (Shell shell : {Shell::bash, Shell::zsh, Shell::sh, Shell::fish})
    for (const char* path : {"/p/etc/userpkg/env.sh", "/it's/a \\ path/env.fish", "/x'y'z"}) {
      INFO(path);
      CHECK(rc_block_is_userpkgs(rc_block_body(shell, path)));
      CHECK_FALSE(rc_block_is_userpkgs(rc_block_body(shell, path) + "\nexport MINE=1"));
      CHECK_FALSE(rc_block_is_userpkgs("export MINE=1\n" + rc_block_body(shell, path)));
    }
  CHECK_FALSE(rc_block_is_userpkgs("export MINE=1"));
  CHECK_FALSE(rc_block_is_userpkgs(""));
  CHECK_FALSE(rc_block_is_userpkgs("# Managed by userpkg; `userpkg shell deinit` removes this block.\n"
                                   "if [ -r '/p' ]; then . '/q'; fi  # nothing if the prefix is gone"));
}
