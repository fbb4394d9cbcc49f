#include "util/fs.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "util/error.hpp"
#include "util/no_follow_write.hpp"
#include "util/no_space.hpp"

namespace userpkg {

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error("cannot read " + path.string(), errno_text(errno));
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

namespace {

// Writes all of `content` to fd, then sets its mode and syncs it; 0 or the errno that stopped it.
int write_all(int fd, const std::string& content, fs::perms mode) {
  const char* p = content.data();
  std::size_t left = content.size();
  while (left > 0) {
    ssize_t n = ::write(fd, p, left);
    if (n < 0) {
      if (errno == EINTR) continue;
      return errno;
    }
    p += n;
    left -= static_cast<std::size_t>(n);
  }
  if (fchmod(fd, static_cast<mode_t>(mode)) != 0) return errno;
  if (fsync(fd) != 0) return errno;
  return 0;
}

// The bytes of one small file are not what the install needs: no figure (NoSpaceError::needed 0).
[[noreturn]] void throw_write_error(const fs::path& path, int err) {
  if (is_no_space(err))
    throw NoSpaceError(path.parent_path().string(), 0, "cannot write " + path.string(), errno_text(err));
  throw Error("cannot write " + path.string(), errno_text(err), "check permissions and free space");
}

}  // namespace

void write_file_atomic(const fs::path& path, const std::string& content, fs::perms mode) {
  fs::path dir = path.parent_path().empty() ? fs::path(".") : path.parent_path();
  std::string tmpl = (dir / ("." + path.filename().string() + ".tmp-XXXXXX")).string();
  int fd = mkstemp(tmpl.data());
  if (fd < 0) throw_write_error(path, errno);
  int err = write_all(fd, content, mode);
  // close() reports what a network file system deferred (NFS quotas): its result counts too.
  if (::close(fd) != 0 && err == 0) err = errno;
  if (err == 0 && ::rename(tmpl.c_str(), path.c_str()) != 0) err = errno;
  if (err != 0) {
    ::unlink(tmpl.c_str());
    throw_write_error(path, err);
  }
}

void write_file_no_follow(const fs::path& dir, const fs::path& relative, const std::string& content, fs::perms mode) {
  const fs::path target = dir / relative;
  int dirfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (dirfd < 0) throw_write_error(target, errno);
  auto refuse_link = [&](const std::string& name, int err) {
    ::close(dirfd);
    if (err == ELOOP || err == ENOTDIR)
      throw Error("refusing to write " + target.string(), name + " is a symlink or not a directory",
                  "userpkg never writes its own files through a link; remove the package and install it again");
    throw_write_error(target, err);
  };
  std::vector<std::string> parts;
  for (const fs::path& part : relative) parts.push_back(part.string());
  for (std::size_t i = 0; i + 1 < parts.size(); ++i) {
    if (::mkdirat(dirfd, parts[i].c_str(), 0755) != 0 && errno != EEXIST) refuse_link(parts[i], errno);
    int next = ::openat(dirfd, parts[i].c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (next < 0) refuse_link(parts[i], errno);
    ::close(dirfd);
    dirfd = next;
  }
  const std::string name = parts.back();
  std::string tmp;
  int fd = -1;
  for (int attempt = 0; fd < 0 && attempt < 100; ++attempt) {
    tmp = "." + name + ".tmp-" + std::to_string(::getpid()) + "-" + std::to_string(attempt);
    fd = ::openat(dirfd, tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd < 0 && errno != EEXIST) break;
  }
  if (fd < 0) refuse_link(name, errno);
  int err = write_all(fd, content, mode);
  if (::close(fd) != 0 && err == 0) err = errno;
  // renameat replaces a symlink at `name` itself; it never writes through it.
  if (err == 0 && ::renameat(dirfd, tmp.c_str(), dirfd, name.c_str()) != 0) err = errno;
  if (err == 0 && ::fsync(dirfd) != 0) err = errno;
  if (err != 0) ::unlinkat(dirfd, tmp.c_str(), 0);
  ::close(dirfd);
  if (err != 0) throw_write_error(target, err);
}

fs::path make_unique_dir(const fs::path& parent, const std::string& stem) {
  ensure_dir(parent);
  std::string tmpl = (parent / (stem + "-XXXXXX")).string();
  if (!mkdtemp(tmpl.data())) {
    int err = errno;
    if (is_no_space(err))
      throw NoSpaceError(parent.string(), 0, "cannot create a directory in " + parent.string(), errno_text(err));
    throw Error("cannot create a directory in " + parent.string(), errno_text(err));
  }
  return tmpl;
}

void ensure_dir(const fs::path& dir) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec && is_no_space(ec.value()))
    throw NoSpaceError(dir.string(), 0, "cannot create directory " + dir.string(), ec.message());
  if (ec) throw Error("cannot create directory " + dir.string(), ec.message(), "check permissions and free space");
}

void rename_path(const fs::path& from, const fs::path& to) {
  if (::rename(from.c_str(), to.c_str()) != 0)
    throw Error("cannot move " + from.string() + " to " + to.string(), errno_text(errno));
}

std::vector<fs::path> directory_entries(const fs::path& dir) noexcept {
  std::vector<fs::path> out;
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) out.push_back(it->path());
  std::sort(out.begin(), out.end());
  return out;
}

bool remove_tree(const fs::path& path) noexcept {
  std::error_code ec;
  // Build trees can contain read-only directories (Go module caches, some tests): make them writable first.
  if (fs::is_directory(fs::symlink_status(path, ec))) {
    for (auto it = fs::recursive_directory_iterator(path, fs::directory_options::skip_permission_denied, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
      if (it->is_directory(ec) && !it->is_symlink(ec))
        fs::permissions(it->path(), fs::perms::owner_all, fs::perm_options::add, ec);
    }
    fs::permissions(path, fs::perms::owner_all, fs::perm_options::add, ec);
  }
  ec.clear();
  fs::remove_all(path, ec);
  return !ec && !fs::exists(fs::symlink_status(path, ec));
}

}  // namespace userpkg
