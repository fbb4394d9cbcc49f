#include "python/pip_sources.hpp"

#include <dirent.h>
#include <sys/stat.h>

#include <cerrno>
#include <cstring>

#include "util/error.hpp"

namespace userpkg {

std::vector<std::string> pip_source_args(const StackSettings& stack) {
  std::vector<std::string> args;
  if (!stack.wheelhouses.empty()) {
    args.push_back("--no-index");
    for (auto& dir : stack.wheelhouses) {
      args.push_back("--find-links");
      args.push_back(dir);
    }
  } else if (!stack.index_url.empty()) {
    args.push_back("--index-url");
    args.push_back(stack.index_url);
  }
  return args;
}

std::string wheelhouse_problem(const std::string& wheelhouse) {
  std::string path = wheelhouse;
  if (path.rfind("file://", 0) == 0) path = path.substr(7);
  else if (path.find("://") != std::string::npos) return {};  // an http(s) find-links page
  if (path.empty()) return "it is an empty path";
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    const int err = errno;
    if (err == ELOOP) return "it is a symlink loop (" + std::string(std::strerror(err)) + ")";
    if (err == ENOENT) return "it does not exist";
    return std::strerror(err);
  }
  if (!S_ISDIR(st.st_mode)) return "it is not a directory";
  DIR* dir = ::opendir(path.c_str());
  if (!dir) return "it cannot be read (" + std::string(std::strerror(errno)) + ")";
  ::closedir(dir);
  return {};
}

void check_wheelhouses(const std::vector<std::string>& wheelhouses) {
  for (const std::string& w : wheelhouses) {
    std::string why = wheelhouse_problem(w);
    if (!why.empty())
      throw Error("cannot use the wheelhouse " + w, why + "; pip would skip it without a word",
                  "fix the directory, or leave it out of --wheelhouse / USERPKG_WHEELHOUSE / wheelhouse in config.toml");
  }
}

}  // namespace userpkg
