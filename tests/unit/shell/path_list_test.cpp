#include <catch2/catch.hpp>

#include <set>

#include "shell/path_list.hpp"

using namespace userpkg;

TEST_CASE("split_path_list keeps empty entries so they can be reported", "[shell][path]") {
  CHECK(split_path_list("").empty());
  CHECK(split_path_list("/a") == std::vector<std::string>{"/a"});
  CHECK(split_path_list("/a::/b") == std::vector<std::string>{"/a", "", "/b"});
  CHECK(split_path_list(":/a:") == std::vector<std::string>{"", "/a", ""});
  CHECK(join_path_list(split_path_list(":/a::/b:")) == ":/a::/b:");
}

TEST_CASE("prepend_once adds a directory once and never an empty entry", "[shell][path]") {
  CHECK(prepend_once("", "/p/bin") == "/p/bin");
  CHECK(prepend_once("/usr/bin", "/p/bin") == "/p/bin:/usr/bin");
  CHECK(prepend_once(prepend_once("/usr/bin", "/p/bin"), "/p/bin") == "/p/bin:/usr/bin");
  CHECK(prepend_once("/usr/bin:/p/bin", "/p/bin") == "/usr/bin:/p/bin");
  CHECK(prepend_once("/usr/bin", "") == "/usr/bin");
}

TEST_CASE("check_path_list reports empty, relative, missing and repeated entries", "[shell][path]") {
  std::set<std::string> existing = {"/usr/bin", "/bin"};
  auto exists = [&](const std::string& d) { return existing.count(d) > 0; };
  auto problems = check_path_list("/usr/bin::bin:/opt/foo/bin:/bin:/usr/bin", exists);
  REQUIRE(problems.size() == 4);
  CHECK(problems[0].kind == PathProblemKind::empty_entry);
  CHECK(problems[0].index == 1);
  CHECK(problems[1].kind == PathProblemKind::relative_entry);
  CHECK(problems[2].kind == PathProblemKind::missing_dir);
  CHECK(problems[2].entry == "/opt/foo/bin");
  CHECK(problems[3].kind == PathProblemKind::duplicate_entry);
  CHECK(describe(problems[2]).find("/opt/foo/bin") != std::string::npos);
  CHECK(check_path_list("/usr/bin:/bin", exists).empty());
}
