// userpkg-launch: starts a profile program with the library directories its package declares in
// front of LD_LIBRARY_PATH, for that program alone (userpkg never exports LD_LIBRARY_PATH to the
// shell). Installed once per prefix as <prefix>/libexec/userpkg/launch; profiles/<N>/bin/<program>
// is a symlink to it, and profiles/<N>/bin/.launch/<program> says what to run
// (launcher/sidecar_format.hpp).
//
// Its cost should be one execve and nothing more: it is linked statically (no dynamic loader runs
// before the program's own) and uses libc calls only — no iostream, no exceptions, no libstdc++.
//
// Finding the sidecar: argv[0] is no help (a shell passes the bare name), so it starts from the path
// the kernel executed (getauxval(AT_EXECFN)) and follows symlink hops from there (~/bin/py ->
// <prefix>/bin/python3 -> …) until the directory of a hop holds .launch/<that hop's name>.
// The program gets argv[0] = its absolute path, as the /bin/sh wrappers this replaces gave it
// (`exec /abs/prog "$@"`): programs that find their installation from argv[0] (gcc's driver, Python
// 3.9 and older) would otherwise search PATH, find the entry, resolve it to this launcher and look
// for their files under libexec/userpkg/.
// Every failure is one line on stderr (what, why, what to do) and exit status 127.
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <unistd.h>

#include "launcher/sidecar_format.hpp"

namespace {

namespace format = userpkg::launch_format;

constexpr int kFailureStatus = 127;
constexpr int kMaxHops = 40;  // the kernel's own limit on symlinks in one lookup
constexpr size_t kMaxPath = 4096;

const char* invoked = "a program";  // the path that was executed, for messages

// One line on stderr in a single write (lines of programs run in parallel do not interleave).
[[noreturn]] void fail(const char* what, const char* why, const char* hint) {
  char line[3 * kMaxPath];
  size_t used = 0;
  auto add = [&](const char* text) {
    size_t n = strlen(text);
    if (n > sizeof line - 1 - used) n = sizeof line - 1 - used;
    memcpy(line + used, text, n);
    used += n;
  };
  add("userpkg: cannot start ");
  add(invoked);
  add(": ");
  add(what);
  add(": ");
  add(why);
  add("; ");
  add(hint);
  add("\n");
  if (line[used - 1] != '\n') line[used - 1] = '\n';  // truncated: still one line
  ssize_t ignored = write(STDERR_FILENO, line, used);
  (void)ignored;
  _exit(kFailureStatus);
}

// `error`: errno saved at once (building the message may call malloc, which may change errno).
[[noreturn]] void fail_errno(int error, const char* what, const char* hint) { fail(what, strerror(error), hint); }

char* concat(const char* a, const char* b, const char* c = "", const char* d = "") {
  const size_t la = strlen(a), lb = strlen(b), lc = strlen(c), ld = strlen(d);
  char* out = static_cast<char*>(malloc(la + lb + lc + ld + 1));
  if (out == nullptr) fail("out of memory", "malloc failed", "free some memory and retry");
  memcpy(out, a, la);
  memcpy(out + la, b, lb);
  memcpy(out + la + lb, c, lc);
  memcpy(out + la + lb + lc, d, ld + 1);
  return out;
}

char* copy_prefix(const char* text, size_t length) {
  char* out = static_cast<char*>(malloc(length + 1));
  if (out == nullptr) fail("out of memory", "malloc failed", "free some memory and retry");
  memcpy(out, text, length);
  out[length] = '\0';
  return out;
}

constexpr const char* kDoctorHint = "run `userpkg doctor` to check the prefix's profile";

// What a sidecar says.
struct Launch {
  const char* sidecar = nullptr;  // its path, for messages
  const char* program = nullptr;
  const char** library_dirs = nullptr;
  size_t library_dir_count = 0;
};

// Reads and parses the sidecar open at `fd`; its lines are split in place in a static buffer.
Launch read_sidecar(int fd, const char* path) {
  static char text[format::kMaxSidecarSize + 1];
  size_t size = 0;
  for (;;) {
    ssize_t n = read(fd, text + size, sizeof text - size);
    if (n < 0 && errno == EINTR) continue;
    if (const int error = errno; n < 0) fail_errno(error, concat("cannot read ", path), kDoctorHint);
    if (n == 0) break;
    size += static_cast<size_t>(n);
    if (size == sizeof text) fail(concat("the launch file ", path, " is damaged"), "it is too large", kDoctorHint);
  }
  close(fd);
  text[size] = '\0';

  Launch launch;
  launch.sidecar = path;
  size_t lines = 1;
  for (size_t i = 0; i < size; ++i) lines += text[i] == '\n';
  launch.library_dirs = static_cast<const char**>(malloc(lines * sizeof(char*)));
  if (launch.library_dirs == nullptr) fail("out of memory", "malloc failed", "free some memory and retry");

  char* line = text;
  for (size_t number = 1; line != nullptr; ++number) {
    char* end = strchr(line, '\n');
    if (end != nullptr) *end = '\0';
    if (number == 1 && strcmp(line, format::kFirstLine) != 0)
      fail(concat("the launch file ", path, " has an unknown format"), concat("its first line is \"", line, "\""),
           "a newer userpkg wrote it: use that userpkg, or run `userpkg doctor`");
    const size_t program_key = strlen(format::kProgramKey), dir_key = strlen(format::kLibraryDirKey);
    if (strncmp(line, format::kProgramKey, program_key) == 0)
      launch.program = line + program_key;
    else if (strncmp(line, format::kLibraryDirKey, dir_key) == 0 && line[dir_key] == '/')
      launch.library_dirs[launch.library_dir_count++] = line + dir_key;
    line = end == nullptr ? nullptr : end + 1;
  }
  if (launch.program == nullptr || launch.program[0] != '/')
    fail(concat("the launch file ", path, " is damaged"), "it names no absolute program path", kDoctorHint);
  return launch;
}

// Follows `start` and the symlinks it leads through until a hop's directory has .launch/<its name>.
Launch find_launch(const char* start) {
  const char* path = start;
  const char* first_sidecar = nullptr;
  for (int hop = 0; hop < kMaxHops; ++hop) {
    const char* slash = strrchr(path, '/');
    const char* dir = slash == nullptr ? "." : slash == path ? "" : copy_prefix(path, static_cast<size_t>(slash - path));
    const char* name = slash == nullptr ? path : slash + 1;
    const char* sidecar = concat(dir, "/", format::kSidecarDir, concat("/", name));
    if (first_sidecar == nullptr) first_sidecar = sidecar;
    int fd = open(sidecar, O_RDONLY | O_CLOEXEC);
    if (fd >= 0) return read_sidecar(fd, sidecar);
    if (const int error = errno; error != ENOENT && error != ENOTDIR)
      fail_errno(error, concat("cannot open ", sidecar), kDoctorHint);

    char target[kMaxPath];
    ssize_t n = readlink(path, target, sizeof target - 1);
    if (n < 0 && errno == EINVAL)
      fail("it is not a program entry of a userpkg profile",
           concat("there is no ", first_sidecar, " (nor one along its symlinks)"),
           "run the program through <prefix>/bin or a symlink to it (a copy of an entry does not work), "
           "or run `userpkg doctor`");
    if (const int error = errno; n < 0) fail_errno(error, concat("cannot read the symlink ", path), kDoctorHint);
    target[n] = '\0';
    path = target[0] == '/' ? copy_prefix(target, static_cast<size_t>(n)) : concat(dir, "/", target);
  }
  fail("too many levels of symbolic links", concat("gave up after ", path), "check the symlinks that lead to it");
}

// The directories in front, then the caller's entries that are not among them (running one launched
// program from another does not grow the list); no empty entry is added, the caller's are kept.
const char* library_path(const Launch& launch, const char* old) {
  size_t length = 1 + (old == nullptr ? 0 : strlen(old) + 1);
  for (size_t i = 0; i < launch.library_dir_count; ++i) length += strlen(launch.library_dirs[i]) + 1;
  char* value = static_cast<char*>(malloc(length));
  if (value == nullptr) fail("out of memory", "malloc failed", "free some memory and retry");
  char* out = value;
  auto append = [&](const char* text, size_t n) {
    if (out != value) *out++ = ':';
    memcpy(out, text, n);
    out += n;
  };
  for (size_t i = 0; i < launch.library_dir_count; ++i) append(launch.library_dirs[i], strlen(launch.library_dirs[i]));
  if (old != nullptr && *old != '\0') {
    for (const char* entry = old;;) {
      const char* end = strchr(entry, ':');
      const size_t n = end == nullptr ? strlen(entry) : static_cast<size_t>(end - entry);
      bool ours = false;
      for (size_t i = 0; i < launch.library_dir_count && !ours; ++i)
        ours = n > 0 && strlen(launch.library_dirs[i]) == n && strncmp(launch.library_dirs[i], entry, n) == 0;
      if (!ours) append(entry, n);
      if (end == nullptr) break;
      entry = end + 1;
    }
  }
  *out = '\0';
  return value;
}

}  // namespace

int main(int argc, char** argv) {
  const char* executed = reinterpret_cast<const char*>(getauxval(AT_EXECFN));
  if (executed == nullptr || *executed == '\0')
    fail("the kernel did not say which file it executed", "AT_EXECFN is missing", kDoctorHint);
  invoked = executed;
  const Launch launch = find_launch(executed);

  if (launch.library_dir_count > 0 &&
      setenv("LD_LIBRARY_PATH", library_path(launch, getenv("LD_LIBRARY_PATH")), 1) != 0)
    fail_errno(errno, "cannot set LD_LIBRARY_PATH", "free some memory and retry");

  char** args = static_cast<char**>(malloc((static_cast<size_t>(argc > 0 ? argc : 1) + 1) * sizeof(char*)));
  if (args == nullptr) fail("out of memory", "malloc failed", "free some memory and retry");
  args[0] = const_cast<char*>(launch.program);
  for (int i = 1; i < argc; ++i) args[i] = argv[i];
  args[argc > 0 ? argc : 1] = nullptr;
  execv(launch.program, args);
  const int error = errno;
  fail_errno(error, concat("cannot run ", launch.program, " (named in ", concat(launch.sidecar, ")")),
             error == ENOENT ? "its package is missing or damaged: reinstall it (`userpkg install NAME`), "
                               "or run `userpkg doctor`"
                             : kDoctorHint);
}
