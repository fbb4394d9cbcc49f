#pragma once
// The environment a package builds in (pure: the base environment comes in as a value).
//   PATH        tool_paths, then each built dependency's bin, then the base PATH
//   CPPFLAGS    -I<dep>/include for built deps, then the user's
//   LDFLAGS     -L<dep>/lib -Wl,-rpath,<dep>/lib for built deps, -Wl,-rpath,<install_prefix>/lib,
//               then the user's: everything built finds its libraries without LD_LIBRARY_PATH
//   PKG_CONFIG_PATH, ACLOCAL_PATH   built deps' lib/pkgconfig, share/pkgconfig, share/aclocal
//   LD_LIBRARY_PATH  removed (see build_env.cpp)
//   then the recipe's [build] env and the env / cflags / cppflags / ldflags of the additions
//   whose condition holds (flags are appended, other variables replaced).
#include "build/build_request.hpp"
#include "build/template.hpp"
#include "util/environment.hpp"

namespace userpkg {

Environment make_build_environment(const BuildRequest& req, const Environment& base, const TemplateVars& vars);

// The additions of req's recipe whose condition holds for req's version and deps.
std::vector<const BuildAddition*> active_additions(const BuildRequest& req);

}  // namespace userpkg
