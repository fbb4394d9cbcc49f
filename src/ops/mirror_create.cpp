#include "ops/mirror_create.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "fetch/download_cache.hpp"
#include "fetch/mirror.hpp"
#include "fetch/sha256.hpp"
#include "util/error.hpp"
#include "util/fs.hpp"

namespace userpkg {
namespace fs = std::filesystem;
namespace {

// The folder is checked as the file name is: an absolute one would replace <dir> in `dir / recipe`,
// and "..", "a/../.." or an empty one would leave <dir> or mix the recipes' files.
void validate_folder(const std::string& recipe, const SourceFile& file) {
  if (recipe.empty() || recipe == "." || recipe == ".." || recipe.find('/') != std::string::npos)
    throw Error("invalid mirror folder '" + recipe + "' for " + file.file_name,
                "a mirror folder is a recipe or project name, a plain name without '/'",
                "fix the recipe's name (or the index page URL the folder was taken from)");
}

fs::path mirror_path(const fs::path& dir, const std::string& recipe, const SourceFile& file) {
  DownloadCache::validate(file);  // a plain file name: nothing lands outside <dir>/<recipe>/
  validate_folder(recipe, file);
  return mirror_location(dir.string(), recipe, file.file_name).path;
}

void fsync_path(const fs::path& path, int flags) {
  int fd = ::open(path.c_str(), flags | O_CLOEXEC);
  if (fd < 0) return;  // best effort: the rename already made the content visible
  ::fsync(fd);
  ::close(fd);
}

}  // namespace

std::uint64_t MirrorResult::total_bytes() const {
  std::uint64_t sum = 0;
  for (const MirrorFile& f : files) sum += f.size;
  return sum;
}

std::size_t MirrorResult::count(MirrorFileState state) const {
  std::size_t n = 0;
  for (const MirrorFile& f : files) n += f.state == state ? 1 : 0;
  return n;
}

std::optional<std::size_t> candidate_in_mirror(const fs::path& dir, const PlannedFile& file, fs::path& wrong) {
  for (std::size_t i = 0; i < file.candidates.size(); ++i) {
    fs::path path = mirror_path(dir, file.recipe, file.candidates[i]);
    std::error_code ec;
    if (!fs::is_regular_file(path, ec)) continue;
    if (sha256_file(path) == file.candidates[i].sha256) return i;
    wrong = path;
  }
  return std::nullopt;
}

void place_file_atomically(const fs::path& from, const fs::path& to) {
  ensure_dir(to.parent_path());
  const fs::path temp = to.parent_path() / (".tmp-" + std::to_string(::getpid()) + "-" + to.filename().string());
  std::error_code ec;
  fs::remove(temp, ec);
  fs::create_hard_link(from, temp, ec);
  if (ec) {  // another file system (or links refused): copy, and make the copy durable first
    try {
      fs::copy_file(from, temp, fs::copy_options::overwrite_existing);
    } catch (const fs::filesystem_error& e) {
      fs::remove(temp, ec);
      throw Error("cannot copy " + from.string() + " to " + to.parent_path().string(), e.code().message(),
                  "check that the mirror directory is writable and has space");
    }
    fs::permissions(temp, fs::perms(0644), ec);
    fsync_path(temp, O_RDONLY);
  }
  try {
    rename_path(temp, to);
  } catch (...) {
    fs::remove(temp, ec);
    throw;
  }
  fsync_path(to.parent_path(), O_RDONLY | O_DIRECTORY);
}

MirrorResult create_mirror(const fs::path& dir, const std::vector<PlannedFile>& files, const FetchSettings& fetch,
                           Reporter& reporter) {
  ensure_dir(dir);
  MirrorResult result;
  result.files.resize(files.size());
  std::vector<PlannedFile> missing;
  std::vector<std::size_t> missing_index;
  std::vector<fs::path> stale;  // wrong content under the name of a candidate
  for (std::size_t i = 0; i < files.size(); ++i) {
    fs::path wrong;
    if (auto have = candidate_in_mirror(dir, files[i], wrong)) {
      fs::path path = mirror_path(dir, files[i].recipe, files[i].candidates[*have]);
      result.files[i] = MirrorFile{path, fs::file_size(path), MirrorFileState::UpToDate};
      reporter.detail("up to date: " + path.string());
      continue;
    }
    if (!wrong.empty()) {
      reporter.warn(wrong.string() + " does not match its sha256 (" + files[i].purpose + "); replacing it");
      result.files[i].state = MirrorFileState::Replaced;
    }
    missing.push_back(files[i]);
    missing_index.push_back(i);
    stale.push_back(wrong);
  }

  std::vector<FetchedFile> fetched = fetch_planned_files(missing, fetch, reporter);
  for (std::size_t k = 0; k < fetched.size(); ++k) {
    MirrorFile& out = result.files[missing_index[k]];
    out.path = mirror_path(dir, missing[k].recipe, fetched[k].file);
    std::error_code ec;
    if (!fs::equivalent(fetched[k].path, out.path, ec)) place_file_atomically(fetched[k].path, out.path);
    out.size = fs::file_size(out.path);
    if (!stale[k].empty() && stale[k] != out.path) fs::remove(stale[k], ec);  // another candidate was placed
    reporter.detail((out.state == MirrorFileState::Replaced ? "replaced: " : "added: ") + out.path.string());
  }
  return result;
}

}  // namespace userpkg
