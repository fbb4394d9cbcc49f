#include <unistd.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <thread>

#include "prefix/generations.hpp"
#include "prefix_fixture.hpp"
#include "util/error.hpp"

using namespace userpkg;

TEST_CASE("bin plan: the later package wins a program, and that is reported", "[prefix]") {
  BinPlan plan = plan_bin_links({{{"a", "1"}, {"x", "y"}}, {{"b", "2"}, {"y", "z"}}});
  REQUIRE(plan.links.size() == 3);
  CHECK(plan.links[1].first == "y");
  CHECK(plan.links[1].second == PackageRef{"b", "2"});
  REQUIRE(plan.conflicts.size() == 1);
  CHECK(plan.conflicts[0].program == "y");
  CHECK(plan.conflicts[0].winner == PackageRef{"b", "2"});
  CHECK(plan.conflicts[0].loser == PackageRef{"a", "1"});
}

TEST_CASE("generations: each change makes a new one; current and bin follow", "[prefix]") {
  test::TempPrefix p;
  const PrefixLayout& l = p.layout;
  test::make_package(l, "python", "3.11.2", {"python3", "pip3"});
  test::make_package(l, "git", "2.44.0", {"git", "scalar"});
  test::make_package(l, "mypip", "1.0", {"pip3"});
  CHECK_FALSE(current_generation_number(l));
  CHECK_FALSE(read_current_generation(l));

  GenerationResult g1 = create_generation(l, {{"python", "3.11.2"}}, "userpkg install python", {{"python", "3.11.2"}}, {});
  CHECK(g1.generation.number == 1);
  CHECK(g1.conflicts.empty());
  CHECK(current_generation_number(l) == 1u);
  CHECK(fs::read_symlink(l.bin_link()) == "profiles/current/bin");
  CHECK(fs::equivalent(l.bin_link() / "python3", l.package_dir("python", "3.11.2") / "bin/python3"));
  // Absolute, so that a program joining the link to the directory it was started from (Python <= 3.9
  // finding its home from argv[0]) lands in pkgs/ and not in /pkgs/.
  CHECK(fs::read_symlink(l.profile_bin(1) / "python3") == l.package_dir("python", "3.11.2") / "bin/python3");

  GenerationResult g2 = create_generation(l, {{"python", "3.11.2"}, {"git", "2.44.0"}}, "userpkg install git",
                                          {{"git", "2.44.0"}}, {});
  CHECK(g2.generation.number == 2);
  GenerationResult g3 = create_generation(l, {{"python", "3.11.2"}, {"git", "2.44.0"}, {"mypip", "1.0"}},
                                          "userpkg install mypip", {{"mypip", "1.0"}}, {});
  CHECK(g3.generation.number == 3);
  REQUIRE(g3.conflicts.size() == 1);
  CHECK(g3.conflicts[0].program == "pip3");
  CHECK(g3.conflicts[0].winner == PackageRef{"mypip", "1.0"});

  CHECK(current_generation_number(l) == 3u);
  CHECK(list_generations(l) == std::vector<unsigned>{1, 2, 3});
  CHECK(fs::equivalent(l.bin_link() / "pip3", l.package_dir("mypip", "1.0") / "bin/pip3"));
  CHECK(fs::equivalent(l.bin_link() / "git", l.package_dir("git", "2.44.0") / "bin/git"));
  for (const auto& e : fs::directory_iterator(l.profile_bin(3)))  // every link resolves into pkgs/
    CHECK(fs::canonical(e.path()).string().rfind(l.pkgs().string(), 0) == 0);

  // Older generations are untouched.
  CHECK_FALSE(fs::exists(fs::symlink_status(l.profile_bin(1) / "git")));
  CHECK(fs::equivalent(l.profile_bin(2) / "pip3", l.package_dir("python", "3.11.2") / "bin/pip3"));
  Generation read1 = read_generation(l, 1);
  CHECK(read1.command == "userpkg install python");
  CHECK(read1.packages == std::vector<PackageRef>{{"python", "3.11.2"}});
  Generation current = *read_current_generation(l);
  CHECK(current.number == 3);
  CHECK(current.added == std::vector<PackageRef>{{"mypip", "1.0"}});
  CHECK(current.created.size() == 20);  // 2024-05-01T12:00:00Z

  switch_generation(l, 1);  // rollback
  CHECK(current_generation_number(l) == 1u);
  CHECK_FALSE(fs::exists(l.bin_link() / "git"));
  CHECK_THROWS_AS(switch_generation(l, 7), Error);
  CHECK(current_generation_number(l) == 1u);
}

TEST_CASE("generations: packages without install record are refused", "[prefix]") {
  test::TempPrefix p;
  test::make_package(p.layout, "git", "2.44.0", {"git"}, /*with_record=*/false);
  CHECK_THROWS_WITH(create_generation(p.layout, {{"git", "2.44.0"}}, "x", {}, {}), Catch::Contains("git 2.44.0"));
  CHECK_FALSE(fs::exists(p.layout.profile(1)));
}

TEST_CASE("generations: current is a valid symlink at every moment of a switch", "[prefix]") {
  test::TempPrefix p;
  const PrefixLayout& l = p.layout;
  test::make_package(l, "git", "2.44.0", {"git"});
  create_generation(l, {{"git", "2.44.0"}}, "first", {}, {});

  std::atomic<bool> done{false};
  std::atomic<int> broken{0}, looks{0};
  std::thread watcher([&] {
    while (!done) {
      std::error_code ec;
      fs::path target = fs::read_symlink(l.current_link(), ec);
      if (ec || !fs::exists(l.profiles() / target / "manifest.json", ec)) ++broken;
      ++looks;
    }
  });
  for (int i = 0; i < 30; ++i) create_generation(l, {{"git", "2.44.0"}}, "again", {}, {});
  done = true;
  watcher.join();
  CHECK(looks > 0);
  CHECK(broken == 0);
  CHECK(current_generation_number(l) == 31u);
  for (const auto& e : fs::directory_iterator(l.profiles()))  // no temporary names left behind
    CHECK(e.path().filename().string().rfind(".current", 0) == std::string::npos);
}
