#include <catch2/catch.hpp>

#include <algorithm>

#include "doctor/library_check.hpp"

using namespace userpkg;

namespace {

std::vector<Finding> with_id(const std::vector<Finding>& findings, const std::string& id) {
  std::vector<Finding> out;
  std::copy_if(findings.begin(), findings.end(), std::back_inserter(out), [&](const Finding& f) { return f.id == id; });
  return out;
}

ProgramFacts tool_needing(const std::string& version, const FoundLibrary& found, std::vector<std::string> defined) {
  ProgramFacts p;
  p.name = "tool";
  p.path = "/p/pkgs/tool/1.0/bin/tool";
  p.package = "tool 1.0";
  p.links.push_back({p.path, "libstdc++.so.6", {"GLIBCXX_3.4", version}, found, std::move(defined)});
  p.links.push_back({p.path, "libc.so.6", {"GLIBC_2.2.5"}, FoundLibrary{"/lib/libc.so.6", SearchSource::ld_so_conf, "/lib"},
                     {"GLIBC_2.2.5", "GLIBC_2.34"}});
  return p;
}

}  // namespace

TEST_CASE("a libstdc++ on LD_LIBRARY_PATH without the needed GLIBCXX version is an error with a fix", "[doctor]") {
  LibraryFacts facts;
  facts.ld_library_path = "/old/lib";
  facts.home = "/home/u";
  facts.ld_library_path_assignments = {{"/home/u/.bashrc", 7, "export LD_LIBRARY_PATH=/old/lib"}};
  facts.programs.push_back(tool_needing("GLIBCXX_3.4.30",
                                        FoundLibrary{"/old/lib/libstdc++.so.6", SearchSource::ld_library_path, "/old/lib"},
                                        {"GLIBCXX_3.4", "GLIBCXX_3.4.9", "GLIBCXX_3.4.21"}));
  auto findings = with_id(check_program_libraries(facts), "libraries.version-missing");
  REQUIRE(findings.size() == 1);
  const Finding& f = findings[0];
  CHECK(f.severity == Severity::error);
  CHECK(f.title ==
        "tool (tool 1.0) needs GLIBCXX_3.4.30 from libstdc++.so.6, but /old/lib/libstdc++.so.6 (found via "
        "LD_LIBRARY_PATH) only has up to GLIBCXX_3.4.21");
  CHECK_THAT(f.fix, Catch::Contains("unset LD_LIBRARY_PATH"));
  CHECK_THAT(f.fix, Catch::Contains("remove /old/lib from it"));
  CHECK_THAT(f.fix, Catch::Contains("~/.bashrc:7"));
}

TEST_CASE("a system library that is too old gets a rebuild fix", "[doctor]") {
  LibraryFacts facts;
  facts.programs.push_back(tool_needing("GLIBCXX_3.4.32",
                                        FoundLibrary{"/usr/lib/libstdc++.so.6", SearchSource::ld_so_conf, "/usr/lib"},
                                        {"GLIBCXX_3.4", "GLIBCXX_3.4.30"}));
  auto findings = with_id(check_program_libraries(facts), "libraries.version-missing");
  REQUIRE(findings.size() == 1);
  CHECK_THAT(findings[0].title, Catch::Contains("only has up to GLIBCXX_3.4.30"));
  CHECK_THAT(findings[0].fix, Catch::Contains("userpkg install"));
}

TEST_CASE("versions all present and every library found: one ok finding", "[doctor]") {
  LibraryFacts facts;
  facts.programs.push_back(tool_needing("GLIBCXX_3.4.30",
                                        FoundLibrary{"/usr/lib/libstdc++.so.6", SearchSource::ld_so_conf, "/usr/lib"},
                                        {"GLIBCXX_3.4", "GLIBCXX_3.4.30"}));
  auto findings = check_program_libraries(facts);
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].severity == Severity::ok);
}

TEST_CASE("a library that resolves nowhere is an error naming the package", "[doctor]") {
  LibraryFacts facts;
  ProgramFacts p = tool_needing("GLIBCXX_3.4", FoundLibrary{"/usr/lib/libstdc++.so.6", SearchSource::ld_so_conf, "/usr/lib"},
                                {"GLIBCXX_3.4"});
  p.links.push_back({"/p/pkgs/dep/1/lib/libdep.so", "libgone.so.1", {}, std::nullopt, {}});
  facts.programs.push_back(p);
  auto findings = with_id(check_program_libraries(facts), "libraries.not-found");
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].severity == Severity::error);
  CHECK_THAT(findings[0].title, Catch::Contains("libgone.so.1 not found"));
  CHECK_THAT(findings[0].fix, Catch::Contains("userpkg install tool"));
}

TEST_CASE("LD_LIBRARY_PATH: unset is ok, shadowing is a warning listing what", "[doctor]") {
  LibraryFacts facts;
  CHECK(check_ld_library_path(facts).at(0).severity == Severity::ok);

  facts.ld_library_path = "/opt/lib";
  facts.ld_library_path_contents = {{"/opt/lib", {"libstdc++.so.6", "libprivate.so"}}};
  CHECK(check_ld_library_path(facts).at(0).severity == Severity::note);  // shadows nothing known

  facts.system_libraries = {{"libstdc++.so.6", "/usr/lib/x86_64-linux-gnu/libstdc++.so.6"}};
  auto f = check_ld_library_path(facts).at(0);
  CHECK(f.severity == Severity::warning);
  CHECK_THAT(f.detail, Catch::Contains("/opt/lib/libstdc++.so.6 (over /usr/lib/x86_64-linux-gnu/libstdc++.so.6)"));
  CHECK_THAT(f.fix, Catch::Contains("unset LD_LIBRARY_PATH"));
}

TEST_CASE("sh wrappers: target and LD_LIBRARY_PATH", "[doctor]") {
  auto w = parse_wrapper(
      "#!/bin/sh\n# made by userpkg\nLD_LIBRARY_PATH=\"/p/pkgs/cuda/12/lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}\"\n"
      "export LD_LIBRARY_PATH\nexec \"/p/pkgs/cuda/12/bin/nvcc\" \"$@\"\n");
  REQUIRE(w);
  CHECK(w->program == "/p/pkgs/cuda/12/bin/nvcc");
  CHECK(w->library_path == std::vector<std::string>{"/p/pkgs/cuda/12/lib"});
  CHECK_FALSE(parse_wrapper("#!/p/bin/python3\nimport pip\n"));
  CHECK_FALSE(parse_wrapper("no shebang\nexec /bin/true\n"));
  CHECK_FALSE(parse_wrapper("#!/bin/sh\nexec relative/prog\n"));
}

TEST_CASE("sh wrappers: paths quoted the way userpkg's wrappers quoted them", "[doctor]") {
  // What shell/env_script wrote before the launcher, for paths that need quoting.
  auto w = parse_wrapper("#!/bin/sh\n# Written by userpkg\n"
                         "LD_LIBRARY_PATH='/p q/lib64:/p/it'\\''s lib'${LD_LIBRARY_PATH:+\":$LD_LIBRARY_PATH\"}\n"
                         "export LD_LIBRARY_PATH\nexec '/p q/bin/tool' \"$@\"\n");
  REQUIRE(w);
  CHECK(w->program == "/p q/bin/tool");
  CHECK(w->library_path == std::vector<std::string>{"/p q/lib64", "/p/it's lib"});
  auto d = parse_wrapper("#!/bin/sh\n  LD_LIBRARY_PATH=\"/a\\$b:/c\"\n  exec /p/bin/x\\ y \"$@\"\n");
  REQUIRE(d);
  CHECK(d->program == "/p/bin/x y");
  CHECK(d->library_path == std::vector<std::string>{"/a$b", "/c"});
}

TEST_CASE("a directory that alone holds the NVIDIA driver stays on LD_LIBRARY_PATH", "[doctor][library]") {
  LibraryFacts facts;
  facts.ld_library_path = "/usr/local/nvidia/lib64";
  facts.ld_library_path_contents = {{"/usr/local/nvidia/lib64", {"libcuda.so.1", "libEGL_nvidia.so.0"}}};
  facts.system_libraries = {{"libEGL_nvidia.so.0", "/lib/libEGL_nvidia.so.0"}};
  auto only_driver = check_ld_library_path(facts).at(0);
  CHECK(only_driver.severity == Severity::ok);
  CHECK_THAT(only_driver.title, Catch::Contains("only the NVIDIA driver's directory"));

  // With another directory beside it: that one is the problem, the driver's is kept.
  facts.ld_library_path = "/usr/local/nvidia/lib64:/opt/old/lib";
  facts.ld_library_path_contents.push_back({"/opt/old/lib", {"libstdc++.so.6"}});
  facts.system_libraries["libstdc++.so.6"] = "/usr/lib/x86_64-linux-gnu/libstdc++.so.6";
  auto mixed = check_ld_library_path(facts).at(0);
  CHECK(mixed.severity == Severity::warning);
  CHECK_THAT(mixed.fix, Catch::Contains("keep /usr/local/nvidia/lib64"));
  CHECK_THAT(mixed.fix, Catch::Contains("remove /opt/old/lib"));
  CHECK_THAT(mixed.fix, !Catch::Contains("unset LD_LIBRARY_PATH"));
  CHECK_THAT(mixed.detail, !Catch::Contains("libEGL_nvidia"));  // the driver's own libraries shadow nothing

  // When the system's own directories have the driver too, nothing needs LD_LIBRARY_PATH.
  facts.system_libraries["libcuda.so.1"] = "/usr/lib/x86_64-linux-gnu/libcuda.so.1";
  auto system_driver = check_ld_library_path(facts).at(0);
  CHECK(system_driver.severity == Severity::warning);
  CHECK_THAT(system_driver.fix, Catch::Contains("unset LD_LIBRARY_PATH"));
}
