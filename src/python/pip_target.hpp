#pragma once
// What installing pip into a target Python involves: where its packages go, whether the user may
// write there, and how pip gets in (ensurepip, the wheel itself, or an upgrade). The decisions are
// pure; probe_pip_target runs the interpreter once.
#include <filesystem>
#include <string>

#include "core/version.hpp"

namespace userpkg {

struct PipTargetFacts {
  std::filesystem::path purelib;   // the interpreter's site-packages (sysconfig purelib)
  bool purelib_writable = false;   // by this user (or creatable)
  bool in_venv = false;            // sys.prefix != sys.base_prefix
  bool externally_managed = false; // PEP 668: the distribution manages it (not a venv)
  bool user_site_enabled = false;  // site.ENABLE_USER_SITE: --user would be seen
  std::string pip_version;         // of the pip it imports now; empty: none
};

// The program parse_pip_target reads the output of; Python 3.
extern const char* const kPipTargetProbeScript;
PipTargetFacts parse_pip_target(const std::string& output, const std::filesystem::path& python);  // throws Error
PipTargetFacts probe_pip_target(const std::filesystem::path& python);                             // throws Error

enum class PipScope {
  Environment,  // into the interpreter's own site-packages (a userpkg python, a venv, a writable one)
  User,         // pip --user: ~/.local/lib/pythonX.Y/site-packages, for a python the user cannot write to
};

// Where pip goes, or Error when nowhere works: a PEP 668 system python (pip itself would refuse;
// the hint shows the venv that works), or a read-only venv.
PipScope choose_pip_scope(const PipTargetFacts& facts, const std::filesystem::path& python);

enum class PipBootstrap {
  AlreadyThere,  // it imports the requested pip already: nothing to run
  Upgrade,       // another pip is there: the requested wheel's own pip installs that wheel
  Ensurepip,     // no pip, ensurepip present: ensurepip, then the wheel if its pip is another version
  Wheel,         // no pip, no ensurepip (Debian strips it): python pip-X.whl/pip install pip-X.whl
};

PipBootstrap choose_pip_bootstrap(const std::string& current_pip, bool has_ensurepip, const Version& wanted);
const char* bootstrap_name(PipBootstrap b);

// The version in `python -m pip --version` output ("pip 23.0.1 from /… (python 3.11)"); empty if
// it does not look like that.
std::string parse_pip_version_output(const std::string& output);

}  // namespace userpkg
