#include "python/target_python.hpp"

#include <unistd.h>

#include <algorithm>

#include "core/spec.hpp"
#include "prefix/installed.hpp"
#include "util/error.hpp"
#include "util/process.hpp"
#include "util/strings.hpp"

namespace userpkg {
namespace fs = std::filesystem;

const char* const kPythonProbeScript =
    "import sys\n"
    "def has(m):\n"
    "    try:\n"
    "        import importlib.util as u\n"
    "        return u.find_spec(m) is not None\n"
    "    except ImportError:\n"
    "        import imp\n"
    "        try:\n"
    "            imp.find_module(m)\n"
    "            return True\n"
    "        except ImportError:\n"
    "            return False\n"
    "print('%d.%d.%d' % tuple(sys.version_info[:3]))\n"
    "print(int(has('pip')))\n"
    "print(int(has('ensurepip')))\n";

namespace {

// ": <what it printed>", at most 300 characters, or "" when it printed nothing.
std::string printed(const std::string& output) {
  std::string text(trim(output.substr(0, 300)));
  return text.empty() ? "" : ": " + text;
}

long part(const Version& v, std::size_t i) { return i < v.parts().size() ? v.parts()[i].number : 0; }
}  // namespace

std::string TargetPython::cp_tag() const {
  return "cp" + std::to_string(part(version, 0)) + std::to_string(part(version, 1));
}

TargetPython parse_python_probe(const std::string& output, const fs::path& executable) {
  auto lines = split(trim(output), '\n', true);
  auto version = lines.empty() ? std::nullopt : Version::try_parse(std::string(trim(lines[0])));
  if (lines.size() != 3 || !version)
    throw Error(executable.string() + " did not answer like a Python interpreter",
                "it printed: " + (output.size() > 300 ? output.substr(0, 300) + "…" : output),
                "give --python the path of a python executable, e.g. /usr/bin/python3");
  TargetPython p;
  p.executable = executable;
  p.version = *version;
  p.has_pip = trim(lines[1]) == "1";
  p.has_ensurepip = trim(lines[2]) == "1";
  return p;
}

namespace {

struct InstalledPython {
  Version version;
  fs::path executable;
};

std::vector<InstalledPython> installed_pythons(const PrefixLayout& layout) {
  std::vector<InstalledPython> out;
  for (auto& pkg : list_installed(layout)) {
    if (pkg.record.name != "python") continue;
    auto v = Version::try_parse(pkg.record.version);
    fs::path exe = pkg.dir / "bin" / ("python" + std::to_string(v ? part(*v, 0) : 3));
    if (v && ::access(exe.c_str(), X_OK) == 0) out.push_back({*v, exe});
  }
  std::sort(out.begin(), out.end(), [](auto& a, auto& b) { return a.version > b.version; });
  return out;
}

TargetPython probe(const fs::path& executable, bool in_prefix) {
  auto result = capture_process({executable.string(), "-c", kPythonProbeScript});
  if (result.status != 0)
    throw Error("cannot run " + executable.string() + " to ask which Python it is",
                result.status == 127 && result.end == ProcessEnd::exited
                    ? "it could not be started"
                    : "it " + describe_end(result) + printed(result.output),
                "give --python the path of a working python executable");
  TargetPython p = parse_python_probe(result.output, executable);
  p.in_prefix = in_prefix;
  return p;
}

std::string installed_list(const std::vector<InstalledPython>& pythons) {
  std::vector<std::string> v;
  for (auto& p : pythons) v.push_back(p.version.str());
  return v.empty() ? "no python is installed in the prefix" : "installed: python " + join(v, ", ");
}

}  // namespace

TargetPython resolve_target_python(const std::string& request, const PrefixLayout& layout) {
  if (request.find('/') != std::string::npos) {
    fs::path exe = fs::absolute(request);
    if (::access(exe.c_str(), X_OK) != 0)
      throw Error("--python " + request + " is not an executable file", "",
                  "give the path of a python interpreter, e.g. /usr/bin/python3.6, or a spec such as python@3.10");
    bool in_prefix = exe.lexically_normal().string().starts_with(layout.root.string() + "/");
    return probe(exe, in_prefix);
  }
  auto pythons = installed_pythons(layout);
  VersionConstraint constraint;
  if (!request.empty()) {
    std::string spec = request.starts_with("python") ? request : "python@" + request;
    Spec s = parse_spec(spec);
    if (s.name != "python")
      throw Error("--python " + request + " names neither a path nor a python version", "",
                  "give a path (/usr/bin/python3.6) or a spec (python@3.10, 3.10)");
    constraint = s.constraint;
  }
  for (auto& p : pythons)
    if (constraint.matches(p.version)) return probe(p.executable, true);
  throw Error(request.empty() ? "there is no python to install into" : "no installed python matches --python " + request,
              installed_list(pythons) + " (" + layout.root.string() + ")",
              "install one first (`userpkg install python@3.11`), or give --python /path/to/python3");
}

const TargetPython& TargetPythonOnce::get() {
  if (!probed_) probed_ = resolve_target_python(request_, layout_);
  return *probed_;
}

}  // namespace userpkg
