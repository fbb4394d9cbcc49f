#pragma once
// A recipe's [test] commands, run after the package is in its final place (the caller moves it
// there first): each through /bin/sh -c, {placeholders} filled in quoted for the shell ({destdir} is empty), output to
// the build log, in a scratch directory, with the build environment plus <install_prefix>/bin on PATH.
#include "build/build_failed.hpp"
#include "build/build_request.hpp"
#include "util/reporter.hpp"

namespace userpkg {

// Throws BuildFailed naming the first command that fails, with the log's tail.
void run_package_tests(const BuildRequest& req, Reporter& reporter);

}  // namespace userpkg
