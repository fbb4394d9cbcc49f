#include <catch2/catch.hpp>

#include "doctor/conda_check.hpp"

using namespace userpkg;

namespace {

const std::string conda_block =
    "# >>> conda initialize >>>\n__conda_setup=\"$('/home/u/miniconda3/bin/conda' 'shell.bash' 'hook')\"\n"
    "# <<< conda initialize <<<\n";
const std::string userpkg_block = "# >>> userpkg >>>\n[ -r /p/etc/userpkg/env.sh ] && . /p/etc/userpkg/env.sh\n# <<< userpkg <<<\n";

}  // namespace

TEST_CASE("no conda block: ok", "[doctor]") {
  auto findings = check_conda({{{"/home/u/.bashrc", "export A=1\n" + userpkg_block}}, "/home/u", true});
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].severity == Severity::ok);
}

TEST_CASE("a conda block after userpkg's puts conda's python first: warning with the fix", "[doctor]") {
  auto findings = check_conda({{{"/home/u/.bashrc", "x=1\n" + userpkg_block + conda_block}}, "/home/u", true});
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].id == "conda.after-userpkg");
  CHECK(findings[0].severity == Severity::warning);
  CHECK_THAT(findings[0].title, Catch::Contains("~/.bashrc:5"));
  CHECK_THAT(findings[0].title, Catch::Contains("~/.bashrc:2"));
  CHECK_THAT(findings[0].fix, Catch::Contains("conda config --set auto_activate_base false"));
}

TEST_CASE("a conda block before userpkg's is only a note", "[doctor]") {
  auto findings = check_conda({{{"/home/u/.bashrc", conda_block + userpkg_block}}, "/home/u", true});
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].id == "conda.before-userpkg");
  CHECK(findings[0].severity == Severity::note);
}

TEST_CASE("a conda block with no userpkg block anywhere, and a mamba block in zshrc", "[doctor]") {
  auto findings = check_conda({{{"/home/u/.zshrc", "# >>> mamba initialize >>>\n# <<< mamba initialize <<<\n"}},
                               "/home/u",
                               false});
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].id == "conda.init-block");
  CHECK(findings[0].severity == Severity::note);  // the prefix has no python3 to shadow
  CHECK_THAT(findings[0].detail, Catch::Contains("userpkg shell init"));
}

TEST_CASE("startup file scans: assignments and markers", "[doctor]") {
  std::vector<StartupText> files{{"/h/.bashrc",
                                  "# export LD_LIBRARY_PATH=/no\nexport LD_LIBRARY_PATH=/a\n  LD_LIBRARY_PATH=/b:$X\n"
                                  "MY_LD_LIBRARY_PATH=/c\necho $LD_LIBRARY_PATH\n"},
                                 {"/h/.config/fish/config.fish", "set -gx LD_LIBRARY_PATH /d\n"}};
  auto lines = find_assignments(files, "LD_LIBRARY_PATH");
  REQUIRE(lines.size() == 3);
  CHECK(lines[0].line == 2);
  CHECK(lines[1].line == 3);
  CHECK(where(lines[2], "/h") == "~/.config/fish/config.fish:1");
}

TEST_CASE("startup file scans: every assignment form, and lines far longer than a stack", "[doctor]") {
  const std::string v = "http_proxy";
  auto found = [&](const std::string& line) { return find_assignments({{"/h/.bashrc", line + "\n"}}, v).size(); };
  for (const char* yes : {"http_proxy=x", "export http_proxy=x", "export \t http_proxy=", "declare -x http_proxy=1",
                          "typeset -x http_proxy=1", "setenv http_proxy x", "setenv http_proxy", "set http_proxy x",
                          "set -gx http_proxy x", "set -g -x http_proxy", "set -Ux  http_proxy"})
    CHECK(found(yes) == 1);
  for (const char* no : {"http_proxyX=1", "exporthttp_proxy=1", "export http_proxy", "declare http_proxy=1",
                         "setenv http_proxyX 1", "set -1 http_proxy", "set-gx http_proxy", "set", "echo http_proxy=1",
                         "set http_proxyX"})
    CHECK(found(no) == 0);
  // std::regex recursed once per character here: 300,000 blanks overflowed the stack (SIGSEGV).
  CHECK(found("export" + std::string(300000, ' ') + "http_proxy=x") == 1);
  std::string options;
  for (int i = 0; i < 60000; ++i) options += "-a ";
  CHECK(found("set " + options + "http_proxy") == 1);
  CHECK(found("set " + options + "other") == 0);
}
