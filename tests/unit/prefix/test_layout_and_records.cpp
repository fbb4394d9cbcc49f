#include <catch2/catch.hpp>
#include <fstream>

#include "prefix/install_record.hpp"
#include "prefix/installed.hpp"
#include "prefix/layout.hpp"
#include "prefix_fixture.hpp"
#include "util/error.hpp"

using namespace userpkg;

TEST_CASE("prefix layout derives every path from the root", "[prefix]") {
  PrefixLayout l{"/home/u/prefix"};
  CHECK(l.package_dir("git", "2.44.0") == "/home/u/prefix/pkgs/git/2.44.0");
  CHECK(l.record_path("git", "2.44.0") == "/home/u/prefix/pkgs/git/2.44.0/.userpkg/install.json");
  CHECK(l.profile(3) == "/home/u/prefix/profiles/3");
  CHECK(l.profile_bin(3) == "/home/u/prefix/profiles/3/bin");
  CHECK(l.profile_manifest(3) == "/home/u/prefix/profiles/3/manifest.json");
  CHECK(l.current_link() == "/home/u/prefix/profiles/current");
  CHECK(l.bin_link() == "/home/u/prefix/bin");
  CHECK(l.downloads() == "/home/u/prefix/var/cache/downloads");
  CHECK(l.staging() == "/home/u/prefix/var/staging");
  CHECK(l.logs() == "/home/u/prefix/var/log");
  CHECK(l.lock_file() == "/home/u/prefix/var/lock");
  CHECK(l.config_dir() == "/home/u/prefix/etc/userpkg");
}

TEST_CASE("install record: JSON round trip, through a file", "[prefix]") {
  test::TempPrefix p;
  InstallRecord r = test::sample_record("git", "2.44.0");
  CHECK(record_from_json(record_to_json(r), "memory") == r);
  CHECK(record_to_json(r)["explicit"] == true);
  CHECK(record_to_json(r)["dependencies"][1]["provided_by"] == "system");

  fs::path path = p.layout.record_path("git", "2.44.0");
  write_record(path, r);
  CHECK(read_record(path) == r);
}

TEST_CASE("install record: damage is reported naming the file", "[prefix]") {
  test::TempPrefix p;
  fs::path path = p.layout.root / "install.json";
  std::ofstream(path) << "{\"name\": \"git\"";  // torn
  CHECK_THROWS_WITH(read_record(path), Catch::Contains(path.string()) && Catch::Contains("damaged"));
  std::ofstream(path) << R"({"name": "git"})";  // no version
  CHECK_THROWS_WITH(read_record(path), Catch::Contains("damaged"));
  std::ofstream(path) << R"({"name": "git", "version": "1", "dependencies": [{"name": "z", "version": "1", "provided_by": "moon"}]})";
  try {
    read_record(path);
    FAIL("a record with an unknown provided_by was accepted");
  } catch (const Error& e) {
    CHECK(std::string(e.why()).find("moon") != std::string::npos);
  }
}

TEST_CASE("installed packages: only directories with a record count", "[prefix]") {
  test::TempPrefix p;
  CHECK(list_installed(p.layout).empty());  // no pkgs/ yet
  test::make_package(p.layout, "zlib", "1.3", {});
  test::make_package(p.layout, "git", "2.44.0", {"git"});
  test::make_package(p.layout, "git", "2.45.0", {"git"}, /*with_record=*/false);  // interrupted install
  std::vector<InstalledPackage> installed = list_installed(p.layout);
  REQUIRE(installed.size() == 2);
  CHECK(installed[0].record.name == "git");
  CHECK(installed[0].record.version == "2.44.0");
  CHECK(installed[0].dir == p.layout.package_dir("git", "2.44.0"));
  CHECK(installed[1].record.name == "zlib");
  CHECK(is_installed(p.layout, "git", "2.44.0"));
  CHECK_FALSE(is_installed(p.layout, "git", "2.45.0"));
}
