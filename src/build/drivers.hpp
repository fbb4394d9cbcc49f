#pragma once
// One driver per [build] system; each runs its steps in the source tree through a StepRunner.
#include "build/build_request.hpp"
#include "build/build_step.hpp"
#include "build/template.hpp"
#include "util/reporter.hpp"

namespace userpkg {

struct DriverContext {
  const BuildRequest& req;
  const StepRunner& runner;
  const TemplateVars& vars;
  int jobs;
  Reporter& reporter;
};

// [./configure missing → regenerate], ./configure --prefix=…, make -jN, make install DESTDIR=…
void run_autotools_driver(const DriverContext& ctx);
// make -jN, make install [DESTDIR=…]
void run_make_driver(const DriverContext& ctx);
// cmake -S src -B build -DCMAKE_INSTALL_PREFIX=… [configure], cmake --build -j N, DESTDIR=… cmake --install
void run_cmake_driver(const DriverContext& ctx);

// Shared by both: the make and make-install steps.
void run_make_and_install(const DriverContext& ctx);

}  // namespace userpkg
