#include <catch2/catch.hpp>

#include "python/pip_sources.hpp"

#include <unistd.h>

#include <filesystem>
#include <fstream>

using namespace userpkg;
using Args = std::vector<std::string>;

TEST_CASE("wheelhouses mean no index at all", "[python]") {
  StackSettings s;
  s.wheelhouses = {"/w/a", "/w/b"};
  s.index_url = "https://mirror.example/simple";
  CHECK(pip_source_args(s) == Args{"--no-index", "--find-links", "/w/a", "--find-links", "/w/b"});
}

TEST_CASE("an index mirror is passed on; nothing set leaves pip's default", "[python]") {
  StackSettings s;
  CHECK(pip_source_args(s).empty());
  s.index_url = "https://mirror.example/simple";
  CHECK(pip_source_args(s) == Args{"--index-url", "https://mirror.example/simple"});
}

TEST_CASE("a wheelhouse that is a symlink loop, missing or a file is named, never skipped", "[python]") {
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / ("userpkg-wheelhouse-test-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir / "wheels");
  fs::create_symlink("b", dir / "a");
  fs::create_symlink("a", dir / "b");
  { std::ofstream(dir / "file") << "x"; }
  CHECK(wheelhouse_problem((dir / "wheels").string()).empty());
  CHECK(wheelhouse_problem("file://" + (dir / "wheels").string()).empty());
  CHECK(wheelhouse_problem("https://wheels.example/simple/").empty());
  CHECK_THAT(wheelhouse_problem((dir / "a").string()), Catch::Contains("symlink loop"));
  CHECK_THAT(wheelhouse_problem((dir / "missing").string()), Catch::Contains("does not exist"));
  CHECK_THAT(wheelhouse_problem((dir / "file").string()), Catch::Contains("not a directory"));
  CHECK_THROWS_WITH(check_wheelhouses({(dir / "wheels").string(), (dir / "a").string()}),
                    Catch::Contains((dir / "a").string()));
  fs::remove_all(dir);
}
