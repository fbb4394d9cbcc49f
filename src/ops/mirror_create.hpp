#pragma once
// `userpkg mirror create DIR SPEC…`: the files a plan needs (ops/plan_files), fetched verified
// through the download cache and put in DIR as <DIR>/<recipe>/<file>, the layout `--mirror DIR`
// reads (fetch/mirror.hpp). Incremental: a file already there with the right sha256 is kept
// untouched; one with a wrong sha256 is replaced (with a warning). Each file appears atomically.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "fetch/fetch_settings.hpp"
#include "ops/plan_files.hpp"
#include "util/reporter.hpp"

namespace userpkg {

enum class MirrorFileState { Added, UpToDate, Replaced };

struct MirrorFile {
  std::filesystem::path path;  // <DIR>/<recipe>/<file>
  std::uint64_t size = 0;
  MirrorFileState state = MirrorFileState::Added;
};

struct MirrorResult {
  std::vector<MirrorFile> files;  // one per planned file, in order
  std::uint64_t total_bytes() const;
  std::size_t count(MirrorFileState state) const;
};

// The planned file's candidate already in `dir` with its sha256, if any (reads and hashes files).
// `wrong` is set to the path of a candidate present with another sha256.
std::optional<std::size_t> candidate_in_mirror(const std::filesystem::path& dir, const PlannedFile& file,
                                               std::filesystem::path& wrong);

// Puts `from` at `to` atomically: a hard link when both are on one file system, else a copy
// (temp file beside `to`, fsync, rename). `to`'s directory is made when missing.
void place_file_atomically(const std::filesystem::path& from, const std::filesystem::path& to);

// Makes `dir` hold every planned file. Files missing there are fetched (cache, --mirror sources,
// upstream unless offline) in one batch, then placed. If any cannot be had, Error lists each and
// nothing is placed; what was fetched stays in the cache, so a rerun fetches only the rest.
MirrorResult create_mirror(const std::filesystem::path& dir, const std::vector<PlannedFile>& files,
                           const FetchSettings& fetch, Reporter& reporter);

}  // namespace userpkg
