// `userpkg doctor [--json]`: checks the environment and the prefix, explains each problem with a
// concrete fix. Exit status 1 when any finding is an error.
#include <cstdio>
#include <map>
#include <sstream>

#include "cli/command_set.hpp"
#include "cli/commands.hpp"
#include "doctor/doctor.hpp"
#include "util/home_dir.hpp"

namespace userpkg {
namespace {

struct DoctorArgs {
  bool json = false;
};

bool utf8_terminal(const Environment& env) {
  for (const char* name : {"LC_ALL", "LC_CTYPE", "LANG"})
    if (auto value = env.get(name); value && !value->empty())
      return value->find("UTF-8") != std::string::npos || value->find("utf8") != std::string::npos ||
             value->find("utf-8") != std::string::npos;
  return false;
}

std::string marker(Severity s, bool utf8) {
  switch (s) {
    case Severity::ok: return utf8 ? "✓" : "ok";
    case Severity::note: return utf8 ? "·" : "--";
    case Severity::warning: return utf8 ? "!" : "!!";
    case Severity::error: return utf8 ? "✗" : "XX";
  }
  return "?";
}

std::string heading(const std::string& family) {
  static const std::map<std::string, std::string> titles{
      {"path", "PATH"},
      {"ld-library-path", "LD_LIBRARY_PATH"},
      {"libraries", "Shared libraries of the profile's programs"},
      {"prefix", "Prefix state"},
      {"disk", "Disk space and quota"},
      {"proxy", "Proxy variables"},
      {"conda", "conda / mamba"}};
  auto it = titles.find(family);
  return it == titles.end() ? family : it->second;
}

void print_indented(const std::string& label, const std::string& text) {
  std::istringstream lines(text);
  std::string line;
  bool first = true;
  while (std::getline(lines, line)) {
    std::printf("      %s%s\n", first ? label.c_str() : std::string(label.size(), ' ').c_str(), line.c_str());
    first = false;
  }
}

void print_report(const Report& report, const PrefixLayout& layout, bool utf8) {
  std::printf("userpkg doctor: prefix %s\n", layout.root.string().c_str());
  std::map<Severity, int> counts;
  for (const auto& check : report.checks) {
    std::printf("\n%s\n", heading(check.family).c_str());
    for (const auto& f : check.findings) {
      ++counts[f.severity];
      std::printf("  %s %s\n", marker(f.severity, utf8).c_str(), f.title.c_str());
      if (f.severity == Severity::ok) continue;
      if (!f.detail.empty()) print_indented("", f.detail);
      if (!f.fix.empty()) print_indented("fix: ", f.fix);
    }
  }
  std::printf("\n%d error(s), %d warning(s), %d note(s)\n", counts[Severity::error], counts[Severity::warning],
              counts[Severity::note]);
}

}  // namespace

void register_doctor(CLI::App& app, CommandSet& commands) {
  auto& args = commands.make_args<DoctorArgs>();
  auto* doctor = app.add_subcommand("doctor", "check PATH, libraries, the prefix, disk space, proxies; explain fixes");
  doctor->add_flag("--json", args.json, "machine-readable output");
  commands.add(doctor, [&args](Invocation& in) {
    DoctorInput input{PrefixLayout{in.context().settings.prefix}, Environment::current(), {}, {}};
    input.home = home_dir();
    auto zdotdir = input.env.get("ZDOTDIR");
    input.zdotdir = zdotdir && !zdotdir->empty() ? std::filesystem::path(*zdotdir) : input.home;
    Report report = run_doctor(input);
    if (args.json)
      std::printf("%s\n", report_to_json(report).dump(2).c_str());
    else
      print_report(report, input.layout, utf8_terminal(input.env));
    std::fflush(stdout);
    return report.has_errors() ? 1 : 0;
  });
}

}  // namespace userpkg
