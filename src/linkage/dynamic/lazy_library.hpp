#pragma once
// Shared libraries opened on first use (dlopen), not at program start. libcurl and libarchive
// bring about 40 further libraries (GnuTLS, Kerberos, LDAP, ICU, …) whose loading cost 15 ms of
// every start, while most commands (env, rollback, list, rescue, doctor) never download or extract.
// libcurl_loader.cpp and libarchive_loader.cpp (beside this file) define the library functions
// userpkg calls as forwarders through lazy_symbol, so callers use the libraries' own headers
// unchanged. Only the dynamic build links this folder; the static build (linkage/static/) links
// the libraries themselves.
#include <string>

namespace userpkg {

// The address of `symbol` in the library `soname`, which is opened the first time (and kept open).
// Throws Error naming the library and the package that provides it if either cannot be found.
void* lazy_symbol(const char* soname, const char* symbol, const char* provided_by);

}  // namespace userpkg
