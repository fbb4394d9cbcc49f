#pragma once
// Which of the two builds this binary is. The static build carries its own C library, so facts
// that a dynamic program reads off the libraries it runs on (the glibc version) it must read off
// the host's files instead (platform/machine.cpp).

namespace userpkg {

bool statically_linked();

}  // namespace userpkg
