#include "platform/system_probe.hpp"

#include <filesystem>

#include "platform/version_text.hpp"
#include "util/error.hpp"
#include "util/fs.hpp"
#include "util/process.hpp"
#include "util/strings.hpp"

namespace userpkg {
namespace {

// Words of a flags variable (CC="ccache gcc", CPPFLAGS="-I/opt/x/include"); no shell quoting.
std::vector<std::string> words_of(const Environment& env, const std::string& name) {
  auto value = env.get(name);
  if (!value) return {};
  std::string spaced = *value;
  for (auto& c : spaced)
    if (c == '\t' || c == '\n') c = ' ';
  return split(spaced, ' ', true);
}

std::vector<std::string> concat(std::vector<std::string> a, const std::vector<std::string>& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

// One probe run: a scratch directory for the test program, the compiler's command, the env.
class Prober {
 public:
  Prober(const Environment& env, const std::filesystem::path& scratch_parent)
      : env_(env), scratch_(make_unique_dir(scratch_parent, "userpkg-probe")) {
    compiler_ = words_of(env, "CC");
    if (compiler_.empty()) compiler_ = {"cc"};
  }

  bool has_compiler() const {
    if (compiler_[0].find('/') != std::string::npos) return std::filesystem::exists(compiler_[0]);
    return !find_program(compiler_[0], path_list()).empty();
  }
  const Environment& env() const { return env_; }
  const std::string& compiler_name() const { return compiler_[0]; }
  std::string path_list() const { return env_.get("PATH").value_or("/usr/local/bin:/usr/bin:/bin"); }

  CapturedOutput run(const std::vector<std::string>& argv) const {
    ProcessOptions options;
    options.environment = env_;
    options.cwd = scratch_.path();
    return capture_process(argv, options);
  }

  // Preprocesses source; the output, or nullopt if the preprocessor failed.
  std::optional<std::string> preprocess(const std::string& source) const {
    write_file_atomic(scratch_.path() / "probe.c", source);
    auto out = run(concat(concat(compiler_, words_of(env_, "CPPFLAGS")), {"-E", "probe.c"}));
    if (out.status != 0) return std::nullopt;
    return out.output;
  }

  bool header_compiles(const std::vector<std::string>& headers) const {
    std::string source;
    for (auto& h : headers) source += "#include <" + h + ">\n";
    return preprocess(source).has_value();
  }

  bool libraries_link(const std::vector<std::string>& libraries) const {
    write_file_atomic(scratch_.path() / "probe.c", "int main(void) { return 0; }\n");
    std::vector<std::string> argv = concat(compiler_, words_of(env_, "CPPFLAGS"));
    argv = concat(argv, words_of(env_, "CFLAGS"));
    argv = concat(argv, {"probe.c", "-o", "probe"});
    argv = concat(argv, words_of(env_, "LDFLAGS"));
    for (auto& l : libraries) argv.push_back("-l" + l);
    return run(argv).status == 0;
  }

 private:
  const Environment& env_;
  ScopedDir scratch_;
  std::vector<std::string> compiler_;
};

// The marker keeps our line findable among the header's own output.
const char* const kMarker = "userpkg_version_is";

std::optional<Version> version_from_header(const Prober& prober, const SystemProbe& probe) {
  auto out = prober.preprocess("#include <" + probe.version_header + ">\n" + kMarker + " " + probe.version_define + "\n");
  if (!out) return std::nullopt;
  // The expansion may be spread over several lines (line markers from system headers): take
  // everything after the marker.
  auto pos = out->rfind(kMarker);
  if (pos == std::string::npos) return std::nullopt;
  std::string value(trim(out->substr(pos + std::string(kMarker).size())));
  if (value == probe.version_define) return std::nullopt;  // the macro is not defined
  return first_dotted_version(value);
}

std::optional<Version> version_from_pkg_config(const Prober& prober, const std::string& module) {
  std::string pkg_config = prober.env().get("PKG_CONFIG").value_or("pkg-config");
  if (pkg_config.find('/') == std::string::npos && find_program(pkg_config, prober.path_list()).empty())
    return std::nullopt;
  auto out = prober.run({pkg_config, "--modversion", module});
  if (out.status != 0) return std::nullopt;
  return Version::try_parse(std::string(trim(out.output)));
}

std::optional<Version> version_from_command(const Prober& prober, const std::vector<std::string>& argv) {
  if (argv.empty()) return std::nullopt;
  auto out = prober.run(argv);
  if (out.status != 0) return std::nullopt;
  return first_dotted_version(out.output);
}

// The first of several names whose check fails on its own (to name the culprit); the whole list
// when each passes alone but not together.
template <class Check>
std::string culprit(const std::vector<std::string>& names, Check check) {
  for (auto& n : names)
    if (!check(std::vector<std::string>{n})) return n;
  return join(names, " ");
}

SystemStatus not_usable(std::string why) {
  SystemStatus s;
  s.why_not = std::move(why);
  return s;
}

}  // namespace

std::string version_mismatch(const Version& version, const VersionConstraint& wanted) {
  if (wanted.matches(version)) return {};
  const std::string& text = wanted.str();
  auto colon = text.find(':');
  std::string head = "version " + version.str();
  if (colon == std::string::npos) return head + " is not " + text;
  std::string low = text.substr(0, colon), high = text.substr(colon + 1);
  if (!low.empty() && version < Version::parse(low)) return head + " is older than " + low;
  if (!high.empty()) return head + " is newer than " + high;
  return head + " does not match " + text;
}

SystemStatus probe_system(const SystemProbe& probe, const VersionConstraint& wanted, const Environment& env,
                          const std::filesystem::path& scratch_parent) {
  if (probe.empty()) return not_usable("the recipe does not say how to find it on the system");
  Prober prober(env, scratch_parent);
  bool needs_compiler = !probe.headers.empty() || !probe.libraries.empty() || !probe.version_header.empty();
  if (needs_compiler && !prober.has_compiler())
    return not_usable("no C compiler '" + prober.compiler_name() + "' on PATH to look for it with (set CC)");

  for (auto& program : probe.programs)
    if (find_program(program, prober.path_list()).empty()) return not_usable("no program " + program + " on PATH");
  if (!probe.headers.empty() && !prober.header_compiles(probe.headers))
    return not_usable("no header " + culprit(probe.headers, [&](const auto& h) { return prober.header_compiles(h); }));
  if (!probe.libraries.empty() && !prober.libraries_link(probe.libraries)) {
    std::string bad = culprit(probe.libraries, [&](const auto& l) { return prober.libraries_link(l); });
    return not_usable("library -l" + replace_all(bad, " ", " -l") + " does not link");
  }

  SystemStatus status;
  if (!probe.pkg_config.empty()) status.version = version_from_pkg_config(prober, probe.pkg_config);
  bool only_pkg_config = probe.headers.empty() && probe.libraries.empty() && probe.programs.empty();
  if (only_pkg_config && !status.version) return not_usable("pkg-config does not know " + probe.pkg_config);
  if (!status.version && !probe.version_header.empty() && !probe.version_define.empty())
    status.version = version_from_header(prober, probe);
  if (!status.version) status.version = version_from_command(prober, probe.version_command);

  if (!status.version) {
    if (!wanted.is_any()) {
      status.why_not = "cannot tell its version, and " + wanted.str() + " is needed";
      return status;
    }
  } else if (auto mismatch = version_mismatch(*status.version, wanted); !mismatch.empty()) {
    status.why_not = mismatch;
    return status;
  }
  status.usable = true;
  return status;
}

}  // namespace userpkg
