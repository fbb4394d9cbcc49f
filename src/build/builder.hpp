#pragma once
// Building one package from its extracted source into a staging tree (DESTDIR): patches, then the
// recipe's build driver. The caller moves <destdir><install_prefix> into place afterwards.
#include "build/build_failed.hpp"
#include "build/build_request.hpp"
#include "util/reporter.hpp"

namespace userpkg {

// Throws BuildFailed (a step failed; carries the log path and tail) or Error (bad recipe or request,
// patch checksum, missing tool, nothing installed).
void build_package(const BuildRequest& req, Reporter& reporter);

// "python 3.11.2"
std::string package_label(const BuildRequest& req);

}  // namespace userpkg
