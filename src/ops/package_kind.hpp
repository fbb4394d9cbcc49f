#pragma once
// Packages that are not built from source. A prebuilt kind ([build] system = "cuda-redist",
// "installer", "pip" or "pytorch") puts a package's files in place its own way; ops/install.cpp
// calls it where a source build would run, and records the package and makes the generation the
// same way for every kind. Each kind lives in its own file, ops/kind_<system>.cpp.
#include <filesystem>
#include <map>
#include <string>

#include "core/plan.hpp"
#include "fetch/fetch_item.hpp"
#include "util/reporter.hpp"

namespace userpkg {

struct InstallJob;  // ops/install.hpp

struct KindInstall {
  const InstallJob& job;
  const PlannedPackage& package;
  const FetchedFile* source;             // the version's file, fetched and verified; null for pytorch
  std::filesystem::path staging;         // scratch directory of this install, removed afterwards
  std::filesystem::path install_prefix;  // <prefix>/pkgs/<name>/<version>; absent until the kind
                                         // creates it, complete or not at all (Error otherwise)
  Reporter& reporter;
};

struct KindOutcome {
  std::map<std::string, std::string> details;  // kept in the install record (list -v, info)
  std::string source_url;                      // what was installed from, if not KindInstall::source
  std::string sha256;
};

using KindInstaller = KindOutcome (*)(const KindInstall&);

// The installer of a prebuilt kind; null for the source-build systems (autotools, make).
KindInstaller prebuilt_kind(const std::string& system);

KindOutcome install_cuda_redist(const KindInstall& in);     // ops/kind_cuda_redist.cpp
KindOutcome install_with_installer(const KindInstall& in);  // ops/kind_installer.cpp
KindOutcome install_pip(const KindInstall& in);             // ops/kind_pip.cpp
KindOutcome install_pytorch(const KindInstall& in);         // ops/kind_pytorch.cpp

}  // namespace userpkg
