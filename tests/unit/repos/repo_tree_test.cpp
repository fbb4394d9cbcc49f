#include <catch2/catch.hpp>

#include "repos/repo_tree.hpp"
#include "util/error.hpp"
#include "util/fs.hpp"

using namespace userpkg;

namespace {

struct TempTree {
  fs::path root = make_unique_dir(fs::temp_directory_path(), "repo-tree-test");
  ~TempTree() { remove_tree(root); }
};

}  // namespace

TEST_CASE("a repo tree may link inside itself, never out", "[repos]") {
  TempTree t;
  const fs::path repo = t.root / "repo";
  ensure_dir(repo / "recipes");
  write_file_atomic(repo / "recipes/a.toml", "name = \"a\"\n");
  fs::create_symlink("a.toml", repo / "recipes/b.toml");
  CHECK_NOTHROW(check_tree_confined(repo));

  SECTION("absolute target") {
    fs::create_symlink("/etc/passwd", repo / "recipes/c.toml");
    CHECK_THROWS_AS(check_tree_confined(repo), Error);
  }
  SECTION("climbing out") {
    fs::create_symlink("../../outside", repo / "recipes/c.toml");
    CHECK_THROWS_AS(check_tree_confined(repo), Error);
  }
  SECTION("out through another symlink that looks harmless") {
    fs::create_symlink(".", repo / "here");
    fs::create_symlink("../here/..", repo / "recipes/up");  // lexically repo/, really repo's parent
    CHECK_THROWS_AS(check_tree_confined(repo), Error);
  }
}

TEST_CASE("copying a tree keeps symlinks as symlinks; the content hash follows the content", "[repos]") {
  TempTree t;
  const fs::path src = t.root / "src";
  ensure_dir(src / "recipes");
  write_file_atomic(src / "recipes/a.toml", "one");
  fs::create_symlink("a.toml", src / "recipes/b.toml");
  copy_tree_no_follow(src, t.root / "copy");
  CHECK(fs::is_symlink(t.root / "copy/recipes/b.toml"));
  CHECK(read_file(t.root / "copy/recipes/a.toml") == "one");
  const std::string before = tree_content_hash(src);
  CHECK(tree_content_hash(t.root / "copy") == before);
  write_file_atomic(src / "recipes/a.toml", "two");
  CHECK(tree_content_hash(src) != before);
}
