#include "repos/repo_tree.hpp"

#include <algorithm>
#include <vector>

#include "fetch/sha256.hpp"
#include "util/error.hpp"
#include "util/fs.hpp"

namespace userpkg {
namespace {

// Every entry below root, sorted by relative path; directory symlinks are not entered.
std::vector<fs::path> walk(const fs::path& root) {
  std::vector<fs::path> entries;
  std::error_code ec;
  fs::recursive_directory_iterator it(root, fs::directory_options::none, ec), end;
  if (ec) throw Error("cannot read " + root.string(), ec.message());
  for (; it != end; it.increment(ec)) {
    if (ec) throw Error("cannot read " + root.string(), ec.message());
    entries.push_back(it->path().lexically_relative(root));
  }
  std::sort(entries.begin(), entries.end());
  return entries;
}

bool inside(const fs::path& base, const fs::path& path) {
  auto rel = path.lexically_relative(base);
  return !rel.empty() && *rel.begin() != "..";
}

Error not_plain(const fs::path& root, const fs::path& relative) {
  return Error("refusing " + (root / relative).string(), "a recipe repository may hold only files, directories and symlinks",
               "remove it from the repository");
}

}  // namespace

void copy_tree_no_follow(const fs::path& from, const fs::path& to) {
  std::error_code ec;
  if (!fs::is_directory(from, ec)) throw Error(from.string() + " is not a directory");
  fs::create_directory(to, ec);
  if (ec) throw Error("cannot create " + to.string(), ec.message());
  for (const fs::path& rel : walk(from)) {
    auto status = fs::symlink_status(from / rel, ec);
    if (ec) throw Error("cannot read " + (from / rel).string(), ec.message());
    if (fs::is_symlink(status))
      fs::copy_symlink(from / rel, to / rel, ec);
    else if (fs::is_directory(status))
      fs::create_directory(to / rel, ec);
    else if (fs::is_regular_file(status))
      fs::copy_file(from / rel, to / rel, ec);
    else
      throw not_plain(from, rel);
    if (ec) throw Error("cannot copy " + (from / rel).string() + " to " + (to / rel).string(), ec.message());
  }
}

void check_tree_confined(const fs::path& root) {
  std::error_code ec;
  const fs::path base = fs::canonical(root, ec);
  if (ec) throw Error("cannot read " + root.string(), ec.message());
  for (const fs::path& rel : walk(root)) {
    const fs::path path = root / rel;
    auto status = fs::symlink_status(path, ec);
    if (fs::is_directory(status) || fs::is_regular_file(status)) continue;
    if (!fs::is_symlink(status)) throw not_plain(root, rel);
    const fs::path target = fs::read_symlink(path, ec);
    // Lexically first (an absolute target or one that climbs out), then where it really leads
    // once the symlinks it passes through are resolved.
    const fs::path lexical = (path.parent_path() / target).lexically_normal();
    const fs::path resolved = fs::weakly_canonical(path, ec);
    if (target.is_absolute() || !inside(root.lexically_normal(), lexical) || ec || !inside(base, resolved))
      throw Error("refusing the repository: " + rel.string() + " is a symlink to " + target.string() +
                      ", outside the repository",
                  "a recipe repository may not reach files outside itself",
                  "replace the symlink by the file it points to");
  }
}

std::string tree_content_hash(const fs::path& root) {
  Sha256 hash;
  std::error_code ec;
  for (const fs::path& rel : walk(root)) {
    const fs::path path = root / rel;
    auto status = fs::symlink_status(path, ec);
    std::string line = rel.generic_string();
    if (fs::is_symlink(status)) {
      line += "\nL " + fs::read_symlink(path, ec).string();
    } else if (fs::is_regular_file(status)) {
      line += "\nF " + sha256_file(path);
    } else if (fs::is_directory(status)) {
      line += "\nD";
    } else {
      throw not_plain(root, rel);
    }
    hash.update(line);
    hash.update("\n", 1);
  }
  return hash.hex_digest();
}

}  // namespace userpkg
