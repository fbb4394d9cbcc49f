#include <catch2/catch.hpp>
#include <fstream>
#include <random>
#include <set>

#include "launcher/launch_entry.hpp"
#include "prefix/gc.hpp"
#include "prefix/generations.hpp"
#include "prefix/recovery.hpp"
#include "prefix_fixture.hpp"
#include "shell/env_script.hpp"

using namespace userpkg;

namespace {

const fs::path logs_dir = "/p/var/log";

InstallRecord record(const std::string& name, const std::string& version, std::vector<RecordDependency> deps = {}) {
  InstallRecord r;
  r.name = name;
  r.version = version;
  r.sha256 = "sha-" + name + "-" + version;
  r.build_log = (logs_dir / (name + "-" + version + ".log")).string();
  r.dependencies = std::move(deps);
  return r;
}

Generation generation(unsigned number, std::vector<PackageRef> packages) {
  Generation g;
  g.number = number;
  g.packages = std::move(packages);
  return g;
}

bool contains(const std::vector<PackageRef>& v, const PackageRef& p) { return std::find(v.begin(), v.end(), p) != v.end(); }

}  // namespace

TEST_CASE("gc plan: by default every generation stays, and so does every package one refers to", "[gc]") {
  GcInputs in;
  in.generations = {generation(1, {{"tool", "1.0"}}), generation(2, {{"tool", "2.0"}})};
  in.current = 2;
  in.installed = {record("tool", "1.0"), record("tool", "2.0"), record("orphan", "0.1")};
  GcPlan plan = plan_gc(in, {}, logs_dir);
  CHECK(plan.generations.empty());
  // tool 1.0 is only in the old generation 1: a rollback needs it.
  CHECK(plan.packages == std::vector<PackageRef>{{"orphan", "0.1"}});
  CHECK(plan.kept_packages == std::vector<PackageRef>{{"tool", "1.0"}, {"tool", "2.0"}});
  CHECK(plan.logs == std::vector<fs::path>{logs_dir / "orphan-0.1.log"});
}

TEST_CASE("gc plan: --keep N keeps the current generation and the N newest", "[gc]") {
  GcInputs in;
  for (unsigned n = 1; n <= 5; ++n) in.generations.push_back(generation(n, {{"tool", std::to_string(n)}}));
  for (unsigned n = 1; n <= 5; ++n) in.installed.push_back(record("tool", std::to_string(n)));
  in.current = 2;  // after two rollbacks

  SECTION("keep 0: only the current one") {
    GcPlan plan = plan_gc(in, {0u, false}, logs_dir);
    CHECK(plan.generations == std::vector<unsigned>{1, 3, 4, 5});
    CHECK(plan.kept_packages == std::vector<PackageRef>{{"tool", "2"}});
    CHECK(plan.packages.size() == 4);
  }
  SECTION("keep 1: the current one and the newest") {
    GcPlan plan = plan_gc(in, {1u, false}, logs_dir);
    CHECK(plan.generations == std::vector<unsigned>{1, 3, 4});
    CHECK(plan.kept_packages == std::vector<PackageRef>{{"tool", "2"}, {"tool", "5"}});
  }
  SECTION("keep more than there are: nothing goes") {
    GcPlan plan = plan_gc(in, {9u, false}, logs_dir);
    CHECK(plan.generations.empty());
    CHECK(plan.packages.empty());
  }
}

TEST_CASE("gc plan: dependencies a kept package's record names stay, transitively; system ones are not packages",
          "[gc]") {
  GcInputs in;
  in.generations = {generation(1, {{"git", "2.44"}, {"removed-app", "1"}}), generation(2, {{"git", "2.44"}})};
  in.current = 2;
  in.installed = {record("git", "2.44", {{"curl", "8.0", ProvidedBy::prefix}, {"libc", "2.36", ProvidedBy::system}}),
                  record("curl", "8.0", {{"openssl", "3.0", ProvidedBy::prefix}}),
                  record("openssl", "3.0"),
                  record("openssl", "1.1.1w"),  // an older build nobody links against any more
                  record("removed-app", "1", {{"libold", "1", ProvidedBy::prefix}}),
                  record("libold", "1")};
  GcPlan plan = plan_gc(in, {0u, false}, logs_dir);
  CHECK(plan.generations == std::vector<unsigned>{1});
  CHECK(plan.kept_packages == std::vector<PackageRef>{{"curl", "8.0"}, {"git", "2.44"}, {"openssl", "3.0"}});
  CHECK(plan.packages == std::vector<PackageRef>{{"libold", "1"}, {"openssl", "1.1.1w"}, {"removed-app", "1"}});
  // With generation 1 kept, its app and that app's library stay too.
  GcPlan all = plan_gc(in, {}, logs_dir);
  CHECK(all.packages == std::vector<PackageRef>{{"openssl", "1.1.1w"}});
}

TEST_CASE("gc plan: cached downloads stay while a remaining record carries their sha256", "[gc]") {
  GcInputs in;
  in.generations = {generation(1, {{"a", "1"}}), generation(2, {{"b", "1"}})};
  in.current = 2;
  in.installed = {record("a", "1"), record("b", "1"), record("c", "1")};
  in.installed[2].sha256 = in.installed[1].sha256;  // c was built from the same file as b
  in.cached = {"sha-a-1", "sha-b-1", "sha-fetched-only"};

  GcPlan keep_all = plan_gc(in, {}, logs_dir);
  CHECK(keep_all.downloads == std::vector<std::string>{"sha-fetched-only"});

  GcPlan plan = plan_gc(in, {0u, false}, logs_dir);
  CHECK(plan.packages == std::vector<PackageRef>{{"a", "1"}, {"c", "1"}});
  CHECK(plan.downloads == std::vector<std::string>{"sha-a-1", "sha-fetched-only"});  // b's (and c's) stays

  GcPlan keep_downloads = plan_gc(in, {0u, true}, logs_dir);
  CHECK(keep_downloads.downloads.empty());
}

TEST_CASE("gc plan: only logs of removed packages, and only inside the prefix's log directory", "[gc]") {
  GcInputs in;
  in.generations = {generation(1, {{"kept", "1"}})};
  in.current = 1;
  in.installed = {record("kept", "1"), record("gone", "1"), record("elsewhere", "1"), record("nolog", "1")};
  in.installed[2].build_log = "/home/user/important.log";
  in.installed[3].build_log = "";
  GcPlan plan = plan_gc(in, {}, logs_dir);
  CHECK(plan.logs == std::vector<fs::path>{logs_dir / "gone-1.log"});
}

TEST_CASE("gc plan: nothing a kept generation refers to is ever removed (random prefixes)", "[gc]") {
  std::mt19937 rng(20261127);
  for (int round = 0; round < 300; ++round) {
    GcInputs in;
    std::vector<PackageRef> universe;
    for (int i = 0; i < 8; ++i) universe.push_back({"p" + std::to_string(i % 4), std::to_string(i / 4)});
    for (const PackageRef& p : universe) {
      InstallRecord r = record(p.name, p.version);
      for (const PackageRef& d : universe)
        if (d != p && rng() % 5 == 0) r.dependencies.push_back({d.name, d.version, rng() % 2 ? ProvidedBy::prefix : ProvidedBy::system});
      if (rng() % 4 == 0) r.sha256 = "shared";
      in.installed.push_back(r);
      in.cached.push_back(r.sha256);
    }
    const unsigned count = 1 + static_cast<unsigned>(rng() % 6);
    for (unsigned n = 1; n <= count; ++n) {
      std::vector<PackageRef> pkgs;
      for (const PackageRef& p : universe)
        if (rng() % 3 == 0) pkgs.push_back(p);
      in.generations.push_back(generation(n, pkgs));
    }
    in.current = 1 + static_cast<unsigned>(rng() % count);
    GcOptions options;
    if (rng() % 2) options.keep = static_cast<unsigned>(rng() % 4);
    const GcPlan plan = plan_gc(in, options, logs_dir);

    std::set<unsigned> removed_generations(plan.generations.begin(), plan.generations.end());
    REQUIRE_FALSE(removed_generations.count(*in.current));
    // Everything reachable from a kept generation through prefix dependencies must be kept.
    std::vector<PackageRef> todo;
    for (const Generation& g : in.generations)
      if (!removed_generations.count(g.number)) todo.insert(todo.end(), g.packages.begin(), g.packages.end());
    std::set<PackageRef> reachable;
    while (!todo.empty()) {
      PackageRef p = todo.back();
      todo.pop_back();
      if (!reachable.insert(p).second) continue;
      for (const InstallRecord& r : in.installed)
        if (r.name == p.name && r.version == p.version)
          for (const RecordDependency& d : r.dependencies)
            if (d.provided_by == ProvidedBy::prefix) todo.push_back({d.name, d.version});
    }
    for (const PackageRef& p : reachable) REQUIRE_FALSE(contains(plan.packages, p));
    for (const InstallRecord& r : in.installed)
      if (reachable.count({r.name, r.version}))
        REQUIRE(std::find(plan.downloads.begin(), plan.downloads.end(), r.sha256) == plan.downloads.end());
    // And what is not reachable goes (gc is not a no-op).
    for (const InstallRecord& r : in.installed)
      if (!reachable.count({r.name, r.version})) REQUIRE(contains(plan.packages, {r.name, r.version}));
    if (!options.keep) REQUIRE(plan.generations.empty());
  }
}

TEST_CASE("gc execution: removes what the plan says, keeps the rest, frees bytes, leaves no staging", "[gc]") {
  test::TempPrefix p;
  const PrefixLayout& l = p.layout;
  test::make_package(l, "tool", "1.0", {"tool"});
  test::make_package(l, "tool", "2.0", {"tool"});
  test::make_package(l, "zlib", "1.3", {});  // the fixture records name zlib 1.3 as a prefix dependency
  create_generation(l, {{"tool", "1.0"}}, "install tool@1.0", {{"tool", "1.0"}}, {});
  create_generation(l, {{"tool", "2.0"}}, "install tool@2.0", {{"tool", "2.0"}}, {});
  InstallRecord old_record = read_record(l.record_path("tool", "1.0"));
  old_record.sha256 = std::string(64, 'b');
  old_record.build_log = (l.logs() / "tool-1.0.log").string();
  write_record(l.record_path("tool", "1.0"), old_record);
  fs::create_directories(l.logs());
  std::ofstream(l.logs() / "tool-1.0.log") << "build output\n";
  for (const std::string& sha : {std::string(64, 'a'), std::string(64, 'b')}) {
    fs::create_directories(l.downloads() / sha);
    std::ofstream(l.downloads() / sha / "src.tar.gz") << std::string(10000, 'x');
  }

  GcInputs in = read_gc_inputs(l);
  CHECK(in.generations.size() == 2);
  CHECK(in.current == 2u);
  CHECK(in.cached.size() == 2);
  GcPlan plan = plan_gc(in, {0u, false}, l.logs());
  CHECK(plan.generations == std::vector<unsigned>{1});
  CHECK(plan.packages == std::vector<PackageRef>{{"tool", "1.0"}});
  CHECK(plan.downloads == std::vector<std::string>{std::string(64, 'b')});

  GcResult dry = measure_gc(l, plan);
  CHECK(dry.items.size() == 4);
  CHECK(dry.freed_bytes() > 10000);
  CHECK(fs::exists(l.package_dir("tool", "1.0")));  // measuring removes nothing

  GcResult result = execute_gc(l, plan);
  CHECK(result.all_removed());
  CHECK(result.freed_bytes() == dry.freed_bytes());
  CHECK_FALSE(fs::exists(l.profile(1)));
  CHECK_FALSE(fs::exists(l.package_dir("tool", "1.0")));
  CHECK_FALSE(fs::exists(l.downloads() / std::string(64, 'b')));
  CHECK_FALSE(fs::exists(l.logs() / "tool-1.0.log"));
  CHECK(fs::exists(l.record_path("tool", "2.0")));
  CHECK(fs::exists(l.record_path("zlib", "1.3")));
  CHECK(fs::exists(l.downloads() / std::string(64, 'a')));
  CHECK(fs::exists(l.bin_link() / "tool"));
  CHECK(directory_entries(l.staging()).empty());

  // A plan that names the current generation (stale or wrong) never removes it.
  GcPlan bad;
  bad.generations = {2};
  GcResult refused = execute_gc(l, bad);
  REQUIRE(refused.items.size() == 1);
  CHECK_FALSE(refused.items[0].error.empty());
  CHECK(fs::exists(l.profile_manifest(2)));
  CHECK(refused.freed_bytes() == 0);
}

TEST_CASE("gc and leftover recovery never remove the launcher, even when no kept generation uses it", "[gc]") {
  test::TempPrefix p;
  const PrefixLayout& l = p.layout;
  // Generation 1 has a launcher entry (its package declares LD_LIBRARY_PATH); generation 2 does not.
  test::make_package(l, "cuda", "1.0", {"nvcc"}, false);
  fs::create_directories(l.package_dir("cuda", "1.0") / "lib64");
  InstallRecord cuda = test::sample_record("cuda", "1.0");
  const std::string dir = l.package_dir("cuda", "1.0").string();
  cuda.env = {{{"PATH", {dir + "/bin"}}, {"LD_LIBRARY_PATH", {dir + "/lib64"}}}, {}};
  write_record(l.record_path("cuda", "1.0"), cuda);
  test::make_package(l, "tool", "1.0", {"tool"});
  test::make_package(l, "zlib", "1.3", {});
  create_generation(l, {{"cuda", "1.0"}}, "install cuda", {{"cuda", "1.0"}}, {}, profile_writers());
  REQUIRE(fs::read_symlink(l.profile_bin(1) / "nvcc") == l.launcher());
  create_generation(l, {{"tool", "1.0"}}, "install tool", {{"tool", "1.0"}}, {{"cuda", "1.0"}}, profile_writers());

  GcPlan plan = plan_gc(read_gc_inputs(l), {0u, false}, l.logs());
  CHECK(plan.generations == std::vector<unsigned>{1});
  CHECK(execute_gc(l, plan).all_removed());
  CHECK_FALSE(fs::exists(l.profile(1)));
  clean_leftovers(l);
  CHECK(read_file(l.launcher()) == launcher_program());
}

TEST_CASE("disk usage counts a tree's blocks and hard links once", "[gc]") {
  test::TempPrefix p;
  fs::path dir = p.layout.root / "t";
  fs::create_directories(dir);
  std::ofstream(dir / "f") << std::string(100000, 'x');
  std::uint64_t one = disk_usage(dir);
  CHECK(one >= 100000);
  fs::create_hard_link(dir / "f", dir / "g");
  CHECK(disk_usage(dir) == one);
  CHECK(disk_usage(p.layout.root / "missing") == 0);
}
