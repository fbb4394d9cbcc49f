// userpkg-launch: starts a profile program with the library directories its package declares in
// front of LD_LIBRARY_PATH, for that program alone (userpkg never exports LD_LIBRARY_PATH to the
// shell). Installed once per prefix as <prefix>/libexec/userpkg/launch; profiles/<N>/bin/<program>
// is a symlink to it, and profiles/<N>/bin/.launch/<program> says what to run
// (launcher/sidecar_format.hpp).
//
// Its cost should be one execve of a tiny file and nothing more, so it uses no C library at all:
// its own _start, raw system calls (syscall.hpp), static buffers. A statically linked glibc program
// spends more time starting than this whole program runs, at least on a virtual machine
// (bench/RESULTS.md has the figures).
//
// Finding the sidecar: argv[0] is no help (a shell passes the bare name), so it starts from the path
// the kernel executed (auxiliary vector AT_EXECFN) and follows symlink hops from there
// (~/bin/py -> <prefix>/bin/python3 -> …) until the directory of a hop holds .launch/<that hop's name>.
// The program gets argv[0] = its absolute path, as the /bin/sh wrappers this replaces gave it
// (`exec /abs/prog "$@"`): programs that find their installation from argv[0] (gcc's driver, Python
// 3.9 and older) would otherwise search PATH, find the entry, resolve it to this launcher and look
// for their files under libexec/userpkg/.
// Every failure is one line on stderr (what, why, what to do) and exit status 127.
#include <elf.h>  // AT_EXECFN (constants only)

#include "launcher/program/syscall.hpp"
#include "launcher/sidecar_format.hpp"

namespace {

namespace format = userpkg::launch_format;
using namespace userpkg::launch_syscall;

constexpr int kFailureStatus = 127;
constexpr int kMaxHops = 40;       // the kernel's own limit on symlinks in one lookup
constexpr unsigned long kMaxPath = 4096;
constexpr unsigned long kMaxLibraryDirs = 1024;
// The kernel caps one environment string at 32 pages (MAX_ARG_STRLEN).
constexpr unsigned long kMaxOldValue = 32 * 4096;
constexpr char kVariable[] = "LD_LIBRARY_PATH=";

const char* invoked = "a program";  // the path that was executed, for messages

// A fixed buffer that text is appended to; `overflow` once it did not fit.
template <unsigned long Size>
struct Text {
  char data[Size];
  unsigned long length = 0;
  bool overflow = false;
  Text& add(const char* text, unsigned long n) {
    if (n > Size - 1 - length) {
      n = Size - 1 - length;
      overflow = true;
    }
    copy_bytes(data + length, text, n);
    length += n;
    data[length] = '\0';
    return *this;
  }
  Text& add(const char* text) { return add(text, string_length(text)); }
  Text& clear() {
    length = 0;
    overflow = false;
    data[0] = '\0';
    return *this;
  }
};

// One line on stderr in a single write (lines of programs run in parallel do not interleave).
[[noreturn]] void fail(const char* what, const char* why, const char* hint) {
  static Text<3 * kMaxPath> line;
  line.add("userpkg: cannot start ").add(invoked).add(": ").add(what).add(": ").add(why).add("; ").add(hint);
  if (line.length == sizeof line.data - 1) --line.length;  // full: the newline replaces the last byte
  line.data[line.length++] = '\n';
  write_all(2, line.data, line.length);
  exit_now(kFailureStatus);
}

constexpr const char* kDoctorHint = "run `userpkg doctor` to check the prefix's profile";

// Joins up to three pieces into a static buffer; the last three results stay valid (a failure
// message takes two, one nested in the other).
const char* message(const char* a, const char* b = "", const char* c = "") {
  static Text<2 * kMaxPath> texts[3];
  static unsigned next = 0;
  Text<2 * kMaxPath>& text = texts[next++ % 3];
  return text.clear().add(a).add(b).add(c).data;
}

// What a sidecar says; the strings point into the sidecar's buffer.
struct Launch {
  const char* sidecar = nullptr;
  const char* program = nullptr;
  const char* library_dirs[kMaxLibraryDirs];
  unsigned long library_dir_count = 0;
};

bool starts_with(const char* text, const char* prefix) {
  const unsigned long n = string_length(prefix);
  return compare_bytes(text, prefix, n) == 0;
}

// Reads and parses the sidecar open at `fd`; its lines are split in place.
void read_sidecar(int fd, const char* path, Launch& launch) {
  static char text[format::kMaxSidecarSize + 1];
  unsigned long size = 0;
  for (;;) {
    const long n = read_some(fd, text + size, sizeof text - size);
    if (n < 0) fail(message("cannot read ", path), error_text(n), kDoctorHint);
    if (n == 0) break;
    size += static_cast<unsigned long>(n);
    if (size == sizeof text) fail(message("the launch file ", path, " is damaged"), "it is too large", kDoctorHint);
  }
  close_fd(fd);
  text[size] = '\0';

  launch.sidecar = path;
  char* line = text;
  for (unsigned long number = 1; line != nullptr; ++number) {
    char* end = find_char(line, '\n');
    if (end != nullptr) *end = '\0';
    if (number == 1 && !(starts_with(line, format::kFirstLine) && line[sizeof format::kFirstLine - 1] == '\0'))
      fail(message("the launch file ", path, " has an unknown format"), message("its first line is \"", line, "\""),
           "a newer userpkg wrote it: use that userpkg, or run `userpkg doctor`");
    if (starts_with(line, format::kProgramKey)) {
      launch.program = line + sizeof format::kProgramKey - 1;
    } else if (starts_with(line, format::kLibraryDirKey) && line[sizeof format::kLibraryDirKey - 1] == '/') {
      if (launch.library_dir_count == kMaxLibraryDirs)
        fail(message("the launch file ", path, " is damaged"), "it names too many library directories", kDoctorHint);
      launch.library_dirs[launch.library_dir_count++] = line + sizeof format::kLibraryDirKey - 1;
    }
    line = end == nullptr ? nullptr : end + 1;
  }
  if (launch.program == nullptr || launch.program[0] != '/')
    fail(message("the launch file ", path, " is damaged"), "it names no absolute program path", kDoctorHint);
}

// Follows `start` and the symlinks it leads through until a hop's directory has .launch/<its name>.
void find_launch(const char* start, Launch& launch) {
  static Text<kMaxPath> path, next, first_sidecar;
  static Text<kMaxPath> sidecars[kMaxHops];  // the one found stays referenced by `launch`
  static char target[kMaxPath];
  path.add(start);
  for (int hop = 0; hop < kMaxHops; ++hop) {
    if (path.overflow) fail("the path is too long", path.data, kDoctorHint);
    const char* slash = find_last_char(path.data, '/');
    const unsigned long dir_length = slash == nullptr ? 0 : static_cast<unsigned long>(slash - path.data);
    const char* name = slash == nullptr ? path.data : slash + 1;
    Text<kMaxPath>& sidecar = sidecars[hop];
    (slash == nullptr ? sidecar.add(".") : sidecar.add(path.data, dir_length)).add("/").add(format::kSidecarDir).add("/").add(name);
    if (hop == 0) first_sidecar.add(sidecar.data);
    const long fd = open_read(sidecar.data);
    if (fd >= 0) return read_sidecar(static_cast<int>(fd), sidecar.data, launch);
    if (fd != -kENOENT && fd != -kENOTDIR) fail(message("cannot open ", sidecar.data), error_text(fd), kDoctorHint);

    const long n = read_link(path.data, target, sizeof target - 1);
    if (n == -kEINVAL)
      fail("it is not a program entry of a userpkg profile",
           message("there is no ", first_sidecar.data, " (nor one along its symlinks)"),
           "run the program through <prefix>/bin or a symlink to it (a copy of an entry does not work), "
           "or run `userpkg doctor`");
    if (n < 0) fail(message("cannot read the symlink ", path.data), error_text(n), kDoctorHint);
    target[n] = '\0';
    next.clear();
    if (target[0] != '/') (slash == nullptr ? next.add(".") : next.add(path.data, dir_length)).add("/");
    next.add(target);
    path.clear().add(next.data, next.length);
  }
  fail("too many levels of symbolic links", message("gave up at ", path.data), "check the symlinks that lead to it");
}

bool is_launch_dir(const Launch& launch, const char* entry, unsigned long n) {
  for (unsigned long i = 0; i < launch.library_dir_count; ++i)
    if (n > 0 && string_length(launch.library_dirs[i]) == n && compare_bytes(launch.library_dirs[i], entry, n) == 0)
      return true;
  return false;
}

// "LD_LIBRARY_PATH=" with the directories in front, then the caller's entries that are not among
// them (running one launched program from another does not grow the list); no empty entry is added,
// the caller's are kept.
const char* library_path_entry(const Launch& launch, const char* old) {
  static Text<sizeof kVariable + format::kMaxSidecarSize + kMaxOldValue + 2> value;
  value.add(kVariable);
  for (unsigned long i = 0; i < launch.library_dir_count; ++i) {
    if (i > 0) value.add(":");
    value.add(launch.library_dirs[i]);
  }
  if (old != nullptr && *old != '\0') {
    for (const char* entry = old;;) {
      const char* end = find_char(entry, ':');
      const unsigned long n = end == nullptr ? string_length(entry) : static_cast<unsigned long>(end - entry);
      if (!is_launch_dir(launch, entry, n)) value.add(":").add(entry, n);
      if (end == nullptr) break;
      entry = end + 1;
    }
  }
  if (value.overflow) fail("cannot set LD_LIBRARY_PATH", "the value would be too long", "shorten LD_LIBRARY_PATH");
  return value.data;
}

}  // namespace

// Called from _start (syscall.hpp) with the initial stack: argc, argv…, NULL, envp…, NULL, auxv.
extern "C" [[noreturn]] void userpkg_launch_main(long* stack) {
  const long argc = stack[0];
  char** argv = reinterpret_cast<char**>(stack + 1);
  char** envp = argv + argc + 1;
  char** env_end = envp;
  while (*env_end != nullptr) ++env_end;
  const char* executed = nullptr;
  for (unsigned long* aux = reinterpret_cast<unsigned long*>(env_end + 1); aux[0] != AT_NULL; aux += 2)
    if (aux[0] == AT_EXECFN) executed = reinterpret_cast<const char*>(aux[1]);
  if (executed == nullptr || *executed == '\0')
    fail("the kernel did not say which file it executed", "AT_EXECFN is missing", kDoctorHint);
  invoked = executed;
  static Launch launch;
  find_launch(executed, launch);

  if (launch.library_dir_count > 0) {
    char** slot = nullptr;
    for (char** e = envp; e != env_end && slot == nullptr; ++e)
      if (starts_with(*e, kVariable)) slot = e;
    const char* entry = library_path_entry(launch, slot == nullptr ? nullptr : *slot + sizeof kVariable - 1);
    if (slot != nullptr) {
      *slot = const_cast<char*>(entry);
    } else {
      // One more entry: it takes the place of envp's NULL, and the word after it (the first of the
      // auxiliary vector, read above and no longer needed) becomes the new NULL.
      env_end[0] = const_cast<char*>(entry);
      env_end[1] = nullptr;
    }
  }

  static char* no_arguments[2];
  char** args = argc > 0 ? argv : no_arguments;
  args[0] = const_cast<char*>(launch.program);
  const long error = execute(launch.program, args, envp);
  fail(message("cannot run ", launch.program, message(" (named in ", launch.sidecar, ")")), error_text(error),
       error == -kENOENT ? "its package is missing or damaged: reinstall it (`userpkg install NAME`), "
                           "or run `userpkg doctor`"
                         : kDoctorHint);
}
