// The static build's answer to "which port is service NAME": none. c-ares (Debian's libcares.a)
// refers to getservbyname and getservbyport_r for service names given as words ("https") and for
// reverse lookups; libcurl always hands it port numbers and never asks for a reverse lookup.
// glibc's own versions would load the host's NSS modules, which a static program cannot do safely
// (and its link, made with --fatal-warnings, refuses them); these definitions take their place.
#include <cerrno>
#include <netdb.h>

extern "C" servent* getservbyname(const char*, const char*) noexcept { return nullptr; }

extern "C" int getservbyport_r(int, const char*, servent*, char*, size_t, servent** result) noexcept {
  *result = nullptr;
  return ENOENT;
}
