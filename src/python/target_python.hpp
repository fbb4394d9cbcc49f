#pragma once
// The interpreter pip, torch and wheels are installed for (--python PATH|SPEC; by default the
// newest userpkg-installed python), and what it says about itself.
#include <filesystem>
#include <optional>
#include <string>

#include "core/version.hpp"
#include "prefix/layout.hpp"

namespace userpkg {

struct TargetPython {
  std::filesystem::path executable;
  Version version;             // 3.11.2
  bool has_pip = false;        // `import pip` works
  bool has_ensurepip = false;  // Debian and others strip ensurepip from their pythons
  bool in_prefix = false;      // a userpkg-installed python (pkgs/python/<version>)
  std::string cp_tag() const;  // "cp311": the python and abi tag of its wheels
};

// The program that prints what parse_python_probe reads; works on Python 2.7 and 3.x.
extern const char* const kPythonProbeScript;

// Reads the probe's output ("3.11.2\n1\n0\n": version, has pip, has ensurepip); throws Error.
TargetPython parse_python_probe(const std::string& output, const std::filesystem::path& executable);

// What `request` names: "" (the newest python installed in the prefix), a path to an interpreter,
// or a spec of an installed one (python@3.10, 3.10). Runs the interpreter once to probe it.
// Throws Error saying what is installed and how to get a python when nothing matches.
TargetPython resolve_target_python(const std::string& request, const PrefixLayout& layout);

// The same, probed at most once: planning asks for the target python at several steps (pip's
// version, whether a recorded pip or wheel serves it). Install steps probe afresh, since an
// install may change the python (pip installed into it).
class TargetPythonOnce {
 public:
  TargetPythonOnce(std::string request, PrefixLayout layout) : request_(std::move(request)), layout_(std::move(layout)) {}
  const TargetPython& get();  // throws Error like resolve_target_python (and asks again next time)
  const std::string& request() const { return request_; }

 private:
  std::string request_;
  PrefixLayout layout_;
  std::optional<TargetPython> probed_;
};

}  // namespace userpkg
