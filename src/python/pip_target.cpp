#include "python/pip_target.hpp"

#include "util/error.hpp"
#include "util/process.hpp"
#include "util/strings.hpp"

namespace userpkg {
namespace fs = std::filesystem;

const char* const kPipTargetProbeScript =
    "import os, site, sys, sysconfig\n"
    "paths = sysconfig.get_paths()\n"
    "def writable(p):\n"
    "    while not os.path.exists(p):\n"
    "        parent = os.path.dirname(p)\n"
    "        if parent == p:\n"
    "            return False\n"
    "        p = parent\n"
    "    return os.access(p, os.W_OK)\n"
    "in_venv = sys.prefix != getattr(sys, 'base_prefix', sys.prefix)\n"
    "managed = not in_venv and os.path.exists(os.path.join(paths['stdlib'], 'EXTERNALLY-MANAGED'))\n"
    "try:\n"
    "    import pip\n"
    "    pip_version = pip.__version__\n"
    "except Exception:\n"
    "    pip_version = ''\n"
    "print(paths['purelib'])\n"
    "print(int(writable(paths['purelib'])))\n"
    "print(int(in_venv))\n"
    "print(int(managed))\n"
    "print(int(bool(site.ENABLE_USER_SITE)))\n"
    "print(pip_version)\n";

PipTargetFacts parse_pip_target(const std::string& output, const fs::path& python) {
  auto lines = split(output, '\n');
  while (!lines.empty() && trim(lines.back()).empty()) lines.pop_back();
  if (lines.size() == 5) lines.push_back("");  // no pip: the last line is empty
  auto flag = [&](std::size_t i) { return trim(lines[i]) == "1"; };
  if (lines.size() != 6 || trim(lines[0]).empty())
    throw Error("cannot tell where " + python.string() + " keeps its packages",
                "its answer was: " + (output.size() > 300 ? output.substr(0, 300) + "…" : output),
                "check that it is a working Python 3 interpreter");
  PipTargetFacts f;
  f.purelib = std::string(trim(lines[0]));
  f.purelib_writable = flag(1);
  f.in_venv = flag(2);
  f.externally_managed = flag(3);
  f.user_site_enabled = flag(4);
  f.pip_version = std::string(trim(lines[5]));
  return f;
}

namespace {

// ": <what it printed>", at most 300 characters, or "" when it printed nothing.
std::string printed(const std::string& output) {
  std::string text(trim(output.substr(0, 300)));
  return text.empty() ? "" : ": " + text;
}

}  // namespace

PipTargetFacts probe_pip_target(const fs::path& python) {
  auto result = capture_process({python.string(), "-c", kPipTargetProbeScript});
  if (result.status != 0)
    throw Error("cannot ask " + python.string() + " where it keeps its packages",
                "it " + describe_end(result) + printed(result.output),
                "check that it is a working Python 3 interpreter");
  return parse_pip_target(result.output, python);
}

PipScope choose_pip_scope(const PipTargetFacts& facts, const fs::path& python) {
  std::string venv_hint = "make a virtual environment and install pip there: `" + python.string() +
                          " -m venv --without-pip ~/venvs/work && userpkg install pip --python ~/venvs/work/bin/python3`";
  if (facts.externally_managed)
    throw Error("will not install pip into " + python.string(),
                "its distribution manages its packages (PEP 668: " + facts.purelib.parent_path().string() +
                    "… is marked EXTERNALLY-MANAGED), and pip itself refuses to install there, even with --user",
                venv_hint + ", or install a python of your own (`userpkg install python@3.12`)");
  if (facts.purelib_writable) return PipScope::Environment;
  if (facts.in_venv)
    throw Error("cannot install pip into the virtual environment of " + python.string(),
                facts.purelib.string() + " is not writable by you", "use a virtual environment of your own: " + venv_hint);
  if (facts.user_site_enabled) return PipScope::User;
  throw Error("cannot install pip for " + python.string(),
              facts.purelib.string() + " is not writable by you, and its user site-packages are disabled",
              venv_hint);
}

PipBootstrap choose_pip_bootstrap(const std::string& current_pip, bool has_ensurepip, const Version& wanted) {
  if (!current_pip.empty()) {
    auto v = Version::try_parse(current_pip);
    return v && *v == wanted ? PipBootstrap::AlreadyThere : PipBootstrap::Upgrade;
  }
  return has_ensurepip ? PipBootstrap::Ensurepip : PipBootstrap::Wheel;
}

const char* bootstrap_name(PipBootstrap b) {
  switch (b) {
    case PipBootstrap::AlreadyThere: return "already there";
    case PipBootstrap::Upgrade: return "upgrade from the wheel";
    case PipBootstrap::Ensurepip: return "ensurepip";
    case PipBootstrap::Wheel: return "wheel bootstrap (no ensurepip)";
  }
  return "";
}

std::string parse_pip_version_output(const std::string& output) {
  // The last line that starts with "pip ": warnings may come first.
  std::string found;
  for (auto& line : split(output, '\n')) {
    auto t = trim(line);
    if (!t.starts_with("pip ")) continue;
    auto words = split(t, ' ');
    if (words.size() >= 2 && Version::try_parse(std::string(words[1]))) found = std::string(words[1]);
  }
  return found;
}

}  // namespace userpkg
