#include "repos/repo_source.hpp"

#include <array>
#include <filesystem>

#include "util/error.hpp"

namespace userpkg {

std::string_view kind_name(RepoSourceKind kind) {
  switch (kind) {
    case RepoSourceKind::git: return "git";
    case RepoSourceKind::tarball: return "tarball";
    case RepoSourceKind::directory: return "directory";
  }
  return "?";
}

SourceForm source_form(std::string_view s) {
  constexpr std::array<std::string_view, 5> archive_suffixes = {".tar.gz", ".tgz", ".tar.xz", ".tar.bz2", ".zip"};
  if (s.starts_with("http://") || s.starts_with("https://")) {
    std::string_view path = s.substr(0, s.find_first_of("?#"));
    for (auto suffix : archive_suffixes)
      if (path.ends_with(suffix)) return SourceForm::tarball;
    return SourceForm::git;
  }
  if (s.starts_with("ssh://") || s.starts_with("git://") || s.starts_with("file://") || s.ends_with(".git") ||
      s.ends_with(".git/"))
    return SourceForm::git;
  // scp-like syntax, as git understands it: user@host:path (no slash before the colon). By hand:
  // std::regex recurses once per character of the path and overflows the stack on a long one.
  auto word = [](std::string_view w) {
    return !w.empty() && w.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-") ==
                             std::string_view::npos;
  };
  const std::size_t at = s.find('@'), colon = s.find(':', at == std::string_view::npos ? 0 : at);
  if (at != std::string_view::npos && colon != std::string_view::npos && word(s.substr(0, at)) &&
      word(s.substr(at + 1, colon - at - 1)) && s.find_first_of("\r\n", colon) == std::string_view::npos)
    return SourceForm::git;
  return SourceForm::local_path;
}

RepoSourceKind classify_source(const std::string& source) {
  switch (source_form(source)) {
    case SourceForm::git: return RepoSourceKind::git;
    case SourceForm::tarball: return RepoSourceKind::tarball;
    case SourceForm::local_path: break;
  }
  std::error_code ec;
  if (!std::filesystem::is_directory(source, ec))
    throw Error("repo source " + source + " is neither a directory nor a URL",
                "a source is a local directory, a git URL, or an http(s) URL of a .tar.gz/.tgz/.tar.xz/.tar.bz2/.zip",
                "check the path or URL");
  if (std::filesystem::exists(std::filesystem::path(source) / ".git", ec)) return RepoSourceKind::git;
  return RepoSourceKind::directory;
}

bool source_is_remote(std::string_view source) {
  for (std::string_view scheme : {"http://", "https://", "ssh://", "git://"})
    if (source.starts_with(scheme)) return true;
  return source_form(source) == SourceForm::git && source.find('@') != std::string_view::npos &&
         !source.starts_with("/") && !source.starts_with("file://");
}

}  // namespace userpkg
