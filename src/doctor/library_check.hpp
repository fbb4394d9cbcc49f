#pragma once
// Checks 2 and 3: what a globally set LD_LIBRARY_PATH shadows, libraries (libstdc++.so.6,
// libgcc_s.so.1, …) that lack a symbol version a profile program needs, and profile programs whose
// shared libraries do not resolve. The facts come from the ELF files and the loader's search order.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "doctor/finding.hpp"
#include "doctor/startup_files.hpp"
#include "platform/library_search.hpp"
#include "prefix/layout.hpp"
#include "util/environment.hpp"

namespace userpkg {

// One DT_NEEDED of one object loaded for a program.
struct LinkFacts {
  std::string requester;  // the object that needs it (the program or one of its libraries)
  std::string needed;     // "libstdc++.so.6"
  std::vector<std::string> versions_needed;
  std::optional<FoundLibrary> found;
  std::vector<std::string> versions_defined;  // by the library found
};

struct ProgramFacts {
  std::string name;     // as in the profile's bin: "python3"
  std::string path;     // the ELF file that runs (real path)
  std::string package;  // "python 3.11.2" when it lives in pkgs/, else ""
  std::string unreadable;  // why it could not be read; empty if it was
  std::vector<LinkFacts> links;
  // LD_LIBRARY_PATH its profile entry sets (a launcher entry, or an older /bin/sh wrapper), if any
  std::vector<std::string> wrapper_library_path;
};

struct LibraryFacts {
  std::optional<std::string> ld_library_path;  // as set in the environment
  // For each LD_LIBRARY_PATH directory: the shared libraries in it (file names).
  std::vector<std::pair<std::string, std::vector<std::string>>> ld_library_path_contents;
  std::map<std::string, std::string> system_libraries;  // file name -> path in the system dirs
  std::vector<ProgramFacts> programs;
  std::vector<RcLine> ld_library_path_assignments;  // where the startup files set it
  std::string home;
};

// LD_LIBRARY_PATH set globally and what it shadows.
std::vector<Finding> check_ld_library_path(const LibraryFacts& facts);
// Version needs not met (libstdc++ too old …) and libraries that do not resolve at all.
std::vector<Finding> check_program_libraries(const LibraryFacts& facts);

// Reads the profile's programs (<prefix>/bin: links, launcher entries, old sh wrappers) and
// everything the loader would load for them.
LibraryFacts gather_library_facts(const PrefixLayout& layout, const Environment& env,
                                  const std::vector<StartupText>& startup_files, const std::string& home);

// The target and LD_LIBRARY_PATH of a `#!/bin/sh` wrapper (`exec "/abs/prog" "$@"`), as generations
// made before the launcher (launcher/launch_entry.hpp) have them; pure.
struct WrapperTarget {
  std::string program;
  std::vector<std::string> library_path;
};
std::optional<WrapperTarget> parse_wrapper(const std::string& script);

}  // namespace userpkg
