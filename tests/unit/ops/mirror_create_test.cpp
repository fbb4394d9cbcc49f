#include <catch2/catch.hpp>

#include <filesystem>

#include "fetch/sha256.hpp"
#include "ops/mirror_create.hpp"
#include "util/error.hpp"
#include "util/fs.hpp"

using namespace userpkg;
namespace fs = std::filesystem;
using Catch::Matchers::Contains;

namespace {

struct World {
  ScopedDir tmp{make_unique_dir(fs::temp_directory_path(), "mirror-create-test")};
  fs::path source() const { return tmp.path() / "source"; }
  fs::path dir() const { return tmp.path() / "out"; }
  FetchSettings fetch() const {
    FetchSettings f;
    f.offline = true;
    f.mirrors = {source().string()};
    f.cache_dir = tmp.path() / "cache";
    return f;
  }
  PlannedFile add(const std::string& recipe, const std::string& name, const std::string& content) {
    ensure_dir(source() / recipe);
    write_file_atomic(source() / recipe / name, content);
    return PlannedFile{recipe, {SourceFile{"https://example.org/" + name, name, sha256_hex(content)}}, std::nullopt,
                       "source of " + recipe};
  }
};

}  // namespace

TEST_CASE("create_mirror: adds, keeps what is right, replaces what is wrong", "[mirror_create]") {
  World w;
  SilentReporter quiet;
  std::vector<PlannedFile> files{w.add("greet", "greet-1.0.tar.gz", "greet source"),
                                 w.add("hello", "hello-2.0.tar.gz", "hello source")};
  MirrorResult first = create_mirror(w.dir(), files, w.fetch(), quiet);
  REQUIRE(first.files.size() == 2);
  CHECK(first.count(MirrorFileState::Added) == 2);
  CHECK(first.files[0].path == w.dir() / "greet" / "greet-1.0.tar.gz");
  CHECK(read_file(w.dir() / "hello" / "hello-2.0.tar.gz") == "hello source");
  CHECK(first.total_bytes() == 24);

  MirrorResult again = create_mirror(w.dir(), files, w.fetch(), quiet);
  CHECK(again.count(MirrorFileState::UpToDate) == 2);

  fs::remove(w.dir() / "hello" / "hello-2.0.tar.gz");
  write_file_atomic(w.dir() / "hello" / "hello-2.0.tar.gz", "tampered");
  MirrorResult fixed = create_mirror(w.dir(), files, w.fetch(), quiet);
  CHECK(fixed.files[0].state == MirrorFileState::UpToDate);
  CHECK(fixed.files[1].state == MirrorFileState::Replaced);
  CHECK(read_file(w.dir() / "hello" / "hello-2.0.tar.gz") == "hello source");
  for (auto& entry : fs::recursive_directory_iterator(w.dir()))
    CHECK(entry.path().filename().string().rfind(".tmp-", 0) == std::string::npos);
}

TEST_CASE("create_mirror: a file nowhere to be had is an Error naming it, and nothing is placed", "[mirror_create]") {
  World w;
  SilentReporter quiet;
  std::vector<PlannedFile> files{w.add("greet", "greet-1.0.tar.gz", "greet source")};
  files.push_back(PlannedFile{"lost", {SourceFile{"https://example.org/lost-1.0.tar.gz", "lost-1.0.tar.gz",
                                                  std::string(64, 'a')}}, std::nullopt, "source of lost"});
  CHECK_THROWS_WITH(create_mirror(w.dir(), files, w.fetch(), quiet), Contains("lost-1.0.tar.gz"));
  CHECK_FALSE(fs::exists(w.dir() / "greet" / "greet-1.0.tar.gz"));
}

TEST_CASE("create_mirror: a file name that would leave the mirror is refused", "[mirror_create]") {
  World w;
  SilentReporter quiet;
  PlannedFile bad{"greet", {SourceFile{"https://example.org/x", "../escape", std::string(64, 'a')}}, std::nullopt, "x"};
  CHECK_THROWS_AS(create_mirror(w.dir(), {bad}, w.fetch(), quiet), Error);
  CHECK_FALSE(fs::exists(w.tmp.path() / "escape"));
}

TEST_CASE("create_mirror: a folder that would leave the mirror is refused", "[mirror_create]") {
  World w;
  SilentReporter quiet;
  // Served by the source mirror, so only the folder check stops it from landing outside <dir>.
  PlannedFile up = w.add("../escaped", "up-1.0.tar.gz", "up");
  CHECK_THROWS_WITH(create_mirror(w.dir(), {up}, w.fetch(), quiet), Contains("invalid mirror folder"));
  PlannedFile absolute = up;
  absolute.recipe = (w.tmp.path() / "abs").string();
  ensure_dir(w.tmp.path() / "abs");
  write_file_atomic(w.tmp.path() / "abs" / "up-1.0.tar.gz", "up");
  CHECK_THROWS_WITH(create_mirror(w.dir(), {absolute}, w.fetch(), quiet), Contains("invalid mirror folder"));
  for (const std::string& folder : {std::string(), std::string(".")}) {
    PlannedFile odd = up;
    odd.recipe = folder;
    CHECK_THROWS_WITH(create_mirror(w.dir(), {odd}, w.fetch(), quiet), Contains("invalid mirror folder"));
  }
}

TEST_CASE("place_file_atomically: the file appears whole, readable by others", "[mirror_create]") {
  World w;
  ensure_dir(w.source());
  write_file_atomic(w.source() / "a", "content", fs::perms(0644));
  place_file_atomically(w.source() / "a", w.dir() / "r" / "a");
  CHECK(read_file(w.dir() / "r" / "a") == "content");
  place_file_atomically(w.source() / "a", w.dir() / "r" / "a");  // over an existing file
  CHECK(read_file(w.dir() / "r" / "a") == "content");
  CHECK((fs::status(w.dir() / "r" / "a").permissions() & fs::perms::others_read) != fs::perms::none);
}
