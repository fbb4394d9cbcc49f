#include <catch2/catch.hpp>

#include "fetch/ca_bundle.hpp"

using namespace userpkg;

TEST_CASE("choose_ca_bundle: config, then SSL_CERT_FILE, then the first system bundle", "[fetch][ca]") {
  Environment env;
  auto only_rhel = [](const std::string& p) { return p == "/etc/pki/tls/certs/ca-bundle.crt"; };
  auto nothing = [](const std::string&) { return false; };

  auto system = choose_ca_bundle("", env, only_rhel);
  CHECK(system.path == "/etc/pki/tls/certs/ca-bundle.crt");
  CHECK(system.source == "system bundle");

  env.set("SSL_CERT_FILE", "/home/me/ca.pem");
  CHECK(choose_ca_bundle("", env, only_rhel).path == "/home/me/ca.pem");
  CHECK(choose_ca_bundle("", env, only_rhel).source == "SSL_CERT_FILE");

  auto configured = choose_ca_bundle("/opt/ca.pem", env, only_rhel);
  CHECK(configured.path == "/opt/ca.pem");
  CHECK(configured.source == "ca_file in config");

  CHECK(choose_ca_bundle("", Environment{}, nothing).path.empty());
  auto suse = [](const std::string& p) { return p == "/etc/ssl/ca-bundle.pem" || p == "/etc/ssl/cert.pem"; };
  CHECK(choose_ca_bundle("", Environment{}, suse).path == "/etc/ssl/ca-bundle.pem");
}
