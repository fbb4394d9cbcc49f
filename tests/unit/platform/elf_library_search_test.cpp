// The loader's search order (pure, with a fake file system), ld.so.conf parsing, $ORIGIN, and a
// real dependency tree of this test binary.
#include <catch2/catch.hpp>

#include <set>

#include "platform/library_search.hpp"

using namespace userpkg;

namespace {

std::function<bool(const std::filesystem::path&)> files(std::set<std::string> present) {
  return [present = std::move(present)](const std::filesystem::path& p) { return present.count(p.string()) > 0; };
}

}  // namespace

TEST_CASE("$ORIGIN is expanded; $LIB, $PLATFORM and empty entries are dropped", "[library_search]") {
  CHECK(expand_search_path("$ORIGIN/../lib:/opt/x:${ORIGIN}::$LIB/y:$PLATFORM", "/a/bin") ==
        std::vector<std::string>{"/a/bin/../lib", "/opt/x", "/a/bin"});
  CHECK(expand_search_path("", "/a").empty());
}

TEST_CASE("ld.so.conf lines: dirs, includes, comments", "[library_search]") {
  auto entries = parse_ld_so_conf(
      "include /etc/ld.so.conf.d/*.conf\n# a comment\n/usr/local/lib  # trailing\n/a,/b:/c\n"
      "hwcap 1 x\n   \n include rel/*.conf\n/old=libc5\r\n",
      "/etc");
  CHECK(entries == std::vector<LdConfEntry>{{true, "/etc/ld.so.conf.d/*.conf"},
                                            {false, "/usr/local/lib"},
                                            {false, "/a"},
                                            {false, "/b"},
                                            {false, "/c"},
                                            {true, "/etc/rel/*.conf"},
                                            {false, "/old"}});
}

TEST_CASE("the loader's search order", "[library_search]") {
  LoaderSearchConfig config{{"/llp"}, {"/conf"}, {"/usr/lib"}};
  RequesterFacts rpath_only{false, {}, {{"/rp"}}};
  RequesterFacts with_runpath{true, {"/run"}, {{"/rp-ignored"}}};
  auto all = files({"/rp/libx.so", "/llp/libx.so", "/run/libx.so", "/conf/libx.so", "/usr/lib/libx.so",
                    "/rp-ignored/libx.so"});

  auto hit = find_library("libx.so", rpath_only, config, all);
  REQUIRE(hit);
  CHECK(hit->path == "/rp/libx.so");
  CHECK(hit->source == SearchSource::rpath);

  hit = find_library("libx.so", with_runpath, config, all);  // RUNPATH: LD_LIBRARY_PATH first, no RPATH
  REQUIRE(hit);
  CHECK(hit->source == SearchSource::ld_library_path);
  CHECK(hit->dir == "/llp");

  hit = find_library("libx.so", with_runpath, config, files({"/run/libx.so", "/rp-ignored/libx.so", "/usr/lib/libx.so"}));
  REQUIRE(hit);
  CHECK(hit->source == SearchSource::runpath);

  hit = find_library("libx.so", rpath_only, config, files({"/conf/libx.so", "/usr/lib/libx.so"}));
  REQUIRE(hit);
  CHECK(hit->source == SearchSource::ld_so_conf);

  hit = find_library("libx.so", rpath_only, config, files({"/usr/lib/libx.so"}));
  REQUIRE(hit);
  CHECK(hit->source == SearchSource::default_dirs);

  // The loader's RPATH chain: the requester's, then its loaders' up to the executable.
  RequesterFacts chained{false, {}, {{}, {"/exe-rpath"}}};
  hit = find_library("libx.so", chained, config, files({"/exe-rpath/libx.so", "/usr/lib/libx.so"}));
  REQUIRE(hit);
  CHECK(hit->path == "/exe-rpath/libx.so");

  CHECK_FALSE(find_library("libnone.so", rpath_only, config, all));
  hit = find_library("/abs/libx.so", rpath_only, config, files({"/abs/libx.so"}));
  REQUIRE(hit);
  CHECK(hit->source == SearchSource::direct_path);
  // Relative LD_LIBRARY_PATH entries depend on the working directory and are not judged.
  LoaderSearchConfig relative{{"rel"}, {}, {}};
  CHECK_FALSE(find_library("libx.so", rpath_only, relative, files({"rel/libx.so"})));
}

TEST_CASE("this test binary's libraries all resolve on this machine", "[library_search]") {
  LoaderSearchConfig config{{}, read_ld_so_conf_dirs(), default_library_dirs(true)};
  DependencyTree tree = resolve_dependencies("/proc/self/exe", config);
  REQUIRE_FALSE(tree.edges.empty());
  bool saw_libstdcxx = false;
  for (const auto& edge : tree.edges) {
    INFO(edge.requester << " needs " << edge.needed);
    CHECK(edge.found);
    if (edge.needed == "libstdc++.so.6" && edge.requester == tree.program) {
      saw_libstdcxx = true;
      CHECK_FALSE(edge.versions_needed.empty());
      REQUIRE(edge.found);
      CHECK(tree.objects.count(edge.found->path));
    }
  }
  CHECK(saw_libstdcxx);
  CHECK(tree.objects.size() >= 3);  // the program, libstdc++, libc at least
}
