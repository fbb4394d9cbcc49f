#include <catch2/catch.hpp>

#include <unistd.h>

#include <fstream>
#include <map>

#include "shell/startup_watch.hpp"

using namespace userpkg;
namespace fs = std::filesystem;

TEST_CASE("startup watch: changed, created and removed startup files are named", "[shell]") {
  fs::path home = fs::temp_directory_path() / ("userpkg-startup-watch-" + std::to_string(::getpid()));
  fs::remove_all(home);
  fs::create_directories(home / ".config" / "fish" / "conf.d");
  { std::ofstream(home / ".bashrc") << "echo user\n"; }
  { std::ofstream(home / ".profile") << "echo profile\n"; }
  { std::ofstream(home / "notes.txt") << "not a startup file\n"; }
  Environment env;
  env.set("HOME", home.string());
  StartupWatch watch(env);
  CHECK(watch.changes().empty());
  CHECK(watch.warnings("the installer x.sh").empty());

  { std::ofstream(home / ".bashrc", std::ios::app) << "# >>> conda initialize >>>\n"; }
  { std::ofstream(home / ".condarc") << "channels: [x]\n"; }
  { std::ofstream(home / ".config" / "fish" / "conf.d" / "conda.fish") << "conda init\n"; }
  fs::remove(home / ".profile");
  { std::ofstream(home / "notes.txt", std::ios::app) << "more\n"; }

  auto changes = watch.changes();
  REQUIRE(changes.size() == 4);
  std::map<fs::path, std::string> what;
  for (auto& c : changes) what[c.path] = c.what;
  CHECK(what[home / ".bashrc"] == "changed");
  CHECK(what[home / ".condarc"] == "created");
  CHECK(what[home / ".config" / "fish" / "conf.d" / "conda.fish"] == "created");
  CHECK(what[home / ".profile"] == "removed");
  auto warnings = watch.warnings("the installer x.sh");
  REQUIRE(warnings.size() == 4);
  CHECK_THAT(warnings[0], Catch::StartsWith("the installer x.sh "));
  fs::remove_all(home);
}
