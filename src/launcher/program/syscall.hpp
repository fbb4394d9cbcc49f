#pragma once
// What userpkg-launch needs from the system without a C library: its entry point, the few system
// calls it makes (raw, x86-64 and AArch64), and the byte and string helpers the compiler may call.
// Errors come back as negative errno values, as the kernel returns them.
#include <asm/unistd.h>  // __NR_* (constants only)
#include <fcntl.h>       // O_RDONLY, O_CLOEXEC, AT_FDCWD (constants only)

// _start: hands the initial stack pointer to userpkg_launch_main (launch.cpp), stack aligned.
#if defined(__x86_64__)
__asm__(".text\n.global _start\n_start:\n  xor %rbp, %rbp\n  mov %rsp, %rdi\n  and $-16, %rsp\n"
        "  call userpkg_launch_main\n  hlt\n");
#elif defined(__aarch64__)
__asm__(".text\n.global _start\n_start:\n  mov x29, #0\n  mov x30, #0\n  mov x0, sp\n  and sp, x0, #-16\n"
        "  bl userpkg_launch_main\n  brk #0\n");
#else
#error "userpkg-launch: add _start and the system call instruction for this architecture (x86-64 and AArch64 only)"
#endif

extern "C" [[noreturn]] void userpkg_launch_main(long* stack);

namespace userpkg::launch_syscall {

inline long call4(long number, long a, long b, long c, long d) {
#if defined(__x86_64__)
  long result;
  register long r10 __asm__("r10") = d;
  __asm__ volatile("syscall" : "=a"(result) : "a"(number), "D"(a), "S"(b), "d"(c), "r"(r10) : "rcx", "r11", "memory");
  return result;
#else
  register long x8 __asm__("x8") = number;
  register long x0 __asm__("x0") = a;
  register long x1 __asm__("x1") = b;
  register long x2 __asm__("x2") = c;
  register long x3 __asm__("x3") = d;
  __asm__ volatile("svc #0" : "+r"(x0) : "r"(x8), "r"(x1), "r"(x2), "r"(x3) : "memory");
  return x0;
#endif
}

inline long arg(const void* pointer) { return reinterpret_cast<long>(pointer); }

inline long open_read(const char* path) { return call4(__NR_openat, AT_FDCWD, arg(path), O_RDONLY | O_CLOEXEC, 0); }
inline long read_some(int fd, char* buffer, unsigned long size) {
  for (;;) {
    const long n = call4(__NR_read, fd, arg(buffer), static_cast<long>(size), 0);
    if (n != -4) return n;  // EINTR: again
  }
}
inline void close_fd(int fd) { call4(__NR_close, fd, 0, 0, 0); }
inline long read_link(const char* path, char* buffer, unsigned long size) {
  return call4(__NR_readlinkat, AT_FDCWD, arg(path), arg(buffer), static_cast<long>(size));
}
inline long execute(const char* program, char* const* argv, char* const* envp) {
  return call4(__NR_execve, arg(program), arg(argv), arg(envp), 0);
}
[[noreturn]] inline void exit_now(int status) {
  for (;;) call4(__NR_exit_group, status, 0, 0, 0);
}

inline unsigned long string_length(const char* text) {
  unsigned long n = 0;
  while (text[n] != '\0') ++n;
  return n;
}
inline void copy_bytes(char* to, const char* from, unsigned long n) {
  for (unsigned long i = 0; i < n; ++i) to[i] = from[i];
}
inline int compare_bytes(const char* a, const char* b, unsigned long n) {
  for (unsigned long i = 0; i < n; ++i)
    if (a[i] != b[i]) return static_cast<unsigned char>(a[i]) < static_cast<unsigned char>(b[i]) ? -1 : 1;
  return 0;
}
inline char* find_char(char* text, char c) {
  for (; *text != '\0'; ++text)
    if (*text == c) return text;
  return nullptr;
}
inline const char* find_char(const char* text, char c) { return find_char(const_cast<char*>(text), c); }
inline const char* find_last_char(const char* text, char c) {
  const char* found = nullptr;
  for (; *text != '\0'; ++text)
    if (*text == c) found = text;
  return found;
}
inline void write_all(int fd, const char* text, unsigned long n) {
  while (n > 0) {
    const long written = call4(__NR_write, fd, arg(text), static_cast<long>(n), 0);
    if (written == -4) continue;  // EINTR
    if (written <= 0) return;
    text += written;
    n -= static_cast<unsigned long>(written);
  }
}

inline constexpr long kENOENT = 2, kENOTDIR = 20, kEINVAL = 22;

// strerror's text for the errors these calls can give (a negative errno as returned).
inline const char* error_text(long error) {
  switch (-error) {
    case 1: return "Operation not permitted";
    case 2: return "No such file or directory";
    case 5: return "Input/output error";
    case 7: return "Argument list too long";
    case 8: return "Exec format error";
    case 12: return "Cannot allocate memory";
    case 13: return "Permission denied";
    case 20: return "Not a directory";
    case 21: return "Is a directory";
    case 22: return "Invalid argument";
    case 23: return "Too many open files in system";
    case 24: return "Too many open files";
    case 26: return "Text file busy";
    case 36: return "File name too long";
    case 40: return "Too many levels of symbolic links";
    default: {
      static char text[] = "system error 000";
      const long n = -error;
      for (int i = 0, divisor = 100; i < 3; ++i, divisor /= 10)
        text[sizeof text - 4 + i] = static_cast<char>('0' + (n / divisor) % 10);
      return text;
    }
  }
}

}  // namespace userpkg::launch_syscall

// The compiler may turn copies and fills into calls to these even here (launch.cpp is the one file
// that includes this header, so they are defined once).
extern "C" {
__attribute__((used)) void* memcpy(void* to, const void* from, unsigned long n) {
  userpkg::launch_syscall::copy_bytes(static_cast<char*>(to), static_cast<const char*>(from), n);
  return to;
}
__attribute__((used)) void* memset(void* to, int c, unsigned long n) {
  for (unsigned long i = 0; i < n; ++i) static_cast<char*>(to)[i] = static_cast<char>(c);
  return to;
}
}
