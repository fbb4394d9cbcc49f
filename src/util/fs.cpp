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

namespace userpkg {

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error("cannot read " + path.string(), errno_text(errno));
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void write_file_atomic(const fs::path& path, const std::string& content, fs::perms mode) {
  fs::path dir = path.parent_path().empty() ? fs::path(".") : path.parent_path();
  std::string tmpl = (dir / ("." + path.filename().string() + ".tmp-XXXXXX")).string();
  int fd = mkstemp(tmpl.data());
  if (fd < 0) throw Error("cannot write " + path.string(), errno_text(errno));
  const char* p = content.data();
  std::size_t left = content.size();
  bool ok = true;
  while (left > 0) {
    ssize_t n = ::write(fd, p, left);
    if (n < 0) {
      if (errno == EINTR) continue;
      ok = false;
      break;
    }
    p += n;
    left -= static_cast<std::size_t>(n);
  }
  int err = errno;
  if (ok && fchmod(fd, static_cast<mode_t>(mode)) != 0) ok = false, err = errno;
  if (ok && fsync(fd) != 0) ok = false, err = errno;
  close(fd);
  if (!ok || ::rename(tmpl.c_str(), path.c_str()) != 0) {
    if (ok) err = errno;
    ::unlink(tmpl.c_str());
    throw Error("cannot write " + path.string(), errno_text(err), "check free space and permissions");
  }
}

fs::path make_unique_dir(const fs::path& parent, const std::string& stem) {
  ensure_dir(parent);
  std::string tmpl = (parent / (stem + "-XXXXXX")).string();
  if (!mkdtemp(tmpl.data())) throw Error("cannot create a directory in " + parent.string(), errno_text(errno));
  return tmpl;
}

void ensure_dir(const fs::path& dir) {
  std::error_code ec;
  fs::create_directories(dir, ec);
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
