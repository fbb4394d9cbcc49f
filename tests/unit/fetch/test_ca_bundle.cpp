#include <catch2/catch.hpp>

#include <map>

#include "fetch/ca_bundle.hpp"

using namespace userpkg;

namespace {

// A file system of a few paths; everything else is missing.
PathProbe fs_of(std::map<std::string, PathKind> paths) {
  return [paths = std::move(paths)](const std::string& p) {
    auto it = paths.find(p);
    return it == paths.end() ? PathKind::missing : it->second;
  };
}

const PathProbe kRhel = fs_of({{"/etc/pki/tls/certs/ca-bundle.crt", PathKind::file}});

}  // namespace

TEST_CASE("choose_ca_bundle: SSL_CERT_FILE, SSL_CERT_DIR, ca_file, then the first system bundle", "[fetch][ca]") {
  const PathProbe fs = fs_of({{"/etc/pki/tls/certs/ca-bundle.crt", PathKind::file},
                              {"/home/me/ca.pem", PathKind::file},
                              {"/home/me/certs", PathKind::directory},
                              {"/opt/ca.pem", PathKind::file}});
  Environment env;

  auto system = choose_ca_bundle("", env, fs);
  CHECK(system.file == "/etc/pki/tls/certs/ca-bundle.crt");
  CHECK(system.dir.empty());
  CHECK(system.source == "system bundle");
  CHECK(system.found());

  auto configured = choose_ca_bundle("/opt/ca.pem", env, fs);
  CHECK(configured.file == "/opt/ca.pem");
  CHECK(configured.source == "ca_file in config");

  env.set("SSL_CERT_DIR", "/home/me/certs");
  auto dir = choose_ca_bundle("/opt/ca.pem", env, fs);
  CHECK(dir.file.empty());
  CHECK(dir.dir == "/home/me/certs");
  CHECK(dir.source == "SSL_CERT_DIR");
  CHECK(dir.describe() == "/home/me/certs (SSL_CERT_DIR)");

  env.set("SSL_CERT_FILE", "/home/me/ca.pem");
  auto file = choose_ca_bundle("/opt/ca.pem", env, fs);
  CHECK(file.file == "/home/me/ca.pem");
  CHECK(file.dir.empty());
  CHECK(file.source == "SSL_CERT_FILE");
  CHECK(file.describe() == "/home/me/ca.pem (SSL_CERT_FILE)");
}

TEST_CASE("choose_ca_bundle: empty variables count as unset", "[fetch][ca]") {
  Environment env;
  env.set("SSL_CERT_FILE", "");
  env.set("SSL_CERT_DIR", "");
  CHECK(choose_ca_bundle("", env, kRhel).file == "/etc/pki/tls/certs/ca-bundle.crt");
}

TEST_CASE("choose_ca_bundle: each distribution's bundle is found", "[fetch][ca]") {
  for (const char* path : {"/etc/ssl/certs/ca-certificates.crt", "/etc/pki/tls/certs/ca-bundle.crt",
                           "/etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem", "/etc/ssl/ca-bundle.pem",
                           "/var/lib/ca-certificates/ca-bundle.pem", "/etc/ssl/cert.pem"}) {
    CAPTURE(path);
    CHECK(choose_ca_bundle("", Environment{}, fs_of({{path, PathKind::file}})).file == path);
  }
  // The first in the list wins; a directory of that name is not a bundle.
  CHECK(choose_ca_bundle("", Environment{},
                         fs_of({{"/etc/ssl/ca-bundle.pem", PathKind::file}, {"/etc/ssl/cert.pem", PathKind::file}}))
            .file == "/etc/ssl/ca-bundle.pem");
  CHECK(choose_ca_bundle("", Environment{},
                         fs_of({{"/etc/ssl/certs/ca-certificates.crt", PathKind::directory},
                                {"/etc/ssl/cert.pem", PathKind::file}}))
            .file == "/etc/ssl/cert.pem");
}

TEST_CASE("choose_ca_bundle: nothing found names every place tried and what to set", "[fetch][ca]") {
  auto none = choose_ca_bundle("", Environment{}, fs_of({}));
  CHECK_FALSE(none.found());
  CHECK(none.file.empty());
  CHECK(none.dir.empty());
  Error e = none.error();
  CHECK_THAT(e.what(), Catch::Contains("no CA bundle found"));
  CHECK_THAT(e.why(), Catch::StartsWith("tried SSL_CERT_FILE (unset), SSL_CERT_DIR (unset), ca_file in config (unset), "
                                        "/etc/ssl/certs/ca-certificates.crt, "));
  for (const auto& path : system_ca_bundles()) CHECK_THAT(e.why(), Catch::Contains(path));
  CHECK_THAT(e.hint(), Catch::Contains("SSL_CERT_FILE="));
  CHECK_THAT(e.hint(), Catch::Contains("ca_file"));
  CHECK_THAT(e.hint(), Catch::Contains("config.toml"));
}

TEST_CASE("choose_ca_bundle: a set SSL_CERT_FILE, SSL_CERT_DIR or ca_file that names nothing is an error",
          "[fetch][ca]") {
  SECTION("SSL_CERT_FILE missing: no fall through to the system bundle") {
    Environment env;
    env.set("SSL_CERT_FILE", "/home/me/gone.pem");
    auto c = choose_ca_bundle("/etc/pki/tls/certs/ca-bundle.crt", env, kRhel);
    CHECK_FALSE(c.found());
    CHECK_THAT(c.problem, Catch::Contains("SSL_CERT_FILE"));
    CHECK_THAT(c.why, Catch::Contains("/home/me/gone.pem: does not exist"));
  }
  SECTION("SSL_CERT_FILE is a directory") {
    Environment env;
    env.set("SSL_CERT_FILE", "/etc/ssl/certs");
    auto c = choose_ca_bundle("", env, fs_of({{"/etc/ssl/certs", PathKind::directory}}));
    CHECK_FALSE(c.found());
    CHECK_THAT(c.why, Catch::Contains("is a directory"));
    CHECK_THAT(c.hint, Catch::Contains("SSL_CERT_DIR"));
  }
  SECTION("SSL_CERT_DIR: the directories of the list that exist; none is an error") {
    Environment env;
    env.set("SSL_CERT_DIR", "/gone:/home/me/certs::/etc/ssl/certs");
    auto c = choose_ca_bundle("", env,
                              fs_of({{"/home/me/certs", PathKind::directory}, {"/etc/ssl/certs", PathKind::directory}}));
    CHECK(c.dir == "/home/me/certs:/etc/ssl/certs");
    env.set("SSL_CERT_DIR", "/gone");
    auto bad = choose_ca_bundle("", env, kRhel);
    CHECK_FALSE(bad.found());
    CHECK_THAT(bad.why, Catch::Contains("SSL_CERT_DIR=/gone"));
  }
  SECTION("ca_file missing") {
    auto c = choose_ca_bundle("/opt/gone.pem", Environment{}, kRhel);
    CHECK_FALSE(c.found());
    CHECK_THAT(c.problem, Catch::Contains("ca_file"));
    CHECK_THAT(c.why, Catch::Contains("/opt/gone.pem"));
  }
}

TEST_CASE("needs_ca_bundle: https to the server or to the proxy", "[fetch][ca]") {
  CHECK(needs_ca_bundle("https://example.org/a.tgz", ""));
  CHECK(needs_ca_bundle("HTTPS://example.org/a.tgz", ""));
  CHECK(needs_ca_bundle("http://example.org/a.tgz", "https://proxy:3128"));
  CHECK_FALSE(needs_ca_bundle("http://example.org/a.tgz", ""));
  CHECK_FALSE(needs_ca_bundle("http://example.org/a.tgz", "http://proxy:3128"));
  CHECK_FALSE(needs_ca_bundle("file:///srv/mirror/a.tgz", ""));
}
