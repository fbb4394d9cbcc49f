// The launcher program's bytes (launcher/launch_entry.hpp: launcher_program()), assembled into
// userpkg so that the single installed binary can put the launcher into any prefix.
// USERPKG_LAUNCHER_FILE is the built userpkg-launch (CMakeLists.txt makes this file depend on it).
// ccache sees `.incbin` and compiles this file every time rather than serve a stale object.
#include <string_view>

#include "launcher/launch_entry.hpp"

#ifndef USERPKG_LAUNCHER_FILE
#error "USERPKG_LAUNCHER_FILE must name the built launcher (see CMakeLists.txt)"
#endif

__asm__(".section .rodata,\"a\",@progbits\n"
        ".balign 16\n"
        ".globl userpkg_launcher_start\n"
        ".hidden userpkg_launcher_start\n"
        "userpkg_launcher_start:\n"
        ".incbin \"" USERPKG_LAUNCHER_FILE "\"\n"
        ".globl userpkg_launcher_end\n"
        ".hidden userpkg_launcher_end\n"
        "userpkg_launcher_end:\n"
        ".previous\n");

extern "C" const char userpkg_launcher_start[];
extern "C" const char userpkg_launcher_end[];

namespace userpkg {

std::string_view launcher_program() {
  return {userpkg_launcher_start, static_cast<std::size_t>(userpkg_launcher_end - userpkg_launcher_start)};
}

}  // namespace userpkg
