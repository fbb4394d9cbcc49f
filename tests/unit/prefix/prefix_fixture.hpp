#pragma once
// A throw-away prefix in a temporary directory, and fake installed packages for the prefix tests.
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "prefix/install_record.hpp"
#include "prefix/layout.hpp"
#include "util/fs.hpp"

namespace userpkg::test {

struct TempPrefix {
  ScopedDir dir{make_unique_dir(std::filesystem::temp_directory_path(), "userpkg-prefix-test")};
  PrefixLayout layout{std::filesystem::canonical(dir.path())};
};

inline InstallRecord sample_record(const std::string& name, const std::string& version) {
  InstallRecord r;
  r.name = name;
  r.version = version;
  r.recipe_origin = "builtin";
  r.source_url = "https://example.org/" + name + "-" + version + ".tar.gz";
  r.sha256 = std::string(64, 'a');
  r.installed_at = "2024-05-01T12:00:00Z";
  r.dependencies = {{"zlib", "1.3", ProvidedBy::prefix}, {"libc", "2.36", ProvidedBy::system}};
  r.explicitly_requested = true;
  r.build_log = "/prefix/var/log/" + name + ".log";
  return r;
}

// pkgs/<name>/<version>/bin/<program> for each program, plus the install record unless told not to.
inline void make_package(const PrefixLayout& layout, const std::string& name, const std::string& version,
                         const std::vector<std::string>& programs, bool with_record = true) {
  std::filesystem::path bin = layout.package_dir(name, version) / "bin";
  std::filesystem::create_directories(bin);
  for (const std::string& p : programs) std::ofstream(bin / p) << "#!/bin/sh\necho " << name << "\n";
  if (with_record) write_record(layout.record_path(name, version), sample_record(name, version));
}

}  // namespace userpkg::test
