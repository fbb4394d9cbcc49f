// The fix a refused TLS connection suggests, from libcurl's own messages (OpenSSL backend).
#include <catch2/catch.hpp>

#include "fetch/tls_failure_hint.hpp"

using namespace userpkg;

TEST_CASE("tls hint: each cause its own fix", "[fetch][tls]") {
  CaBundleChoice bundle;
  bundle.file = "/etc/pki/tls/certs/ca-bundle.crt";
  bundle.source = "system bundle";

  auto name = tls_failure_hint("SSL: no alternative certificate subject name matches target hostname 'mirror.test'", bundle);
  CHECK_THAT(name, Catch::Contains("another host name"));

  auto unreadable = tls_failure_hint("error setting certificate file: /etc/pki/tls/certs/ca-bundle.crt", bundle);
  CHECK_THAT(unreadable, Catch::Contains("/etc/pki/tls/certs/ca-bundle.crt (system bundle)"));
  CHECK_THAT(unreadable, Catch::Contains("readable"));

  auto issuer = tls_failure_hint("SSL certificate problem: unable to get local issuer certificate", bundle);
  CHECK_THAT(issuer, Catch::Contains("includes the server's CA"));

  CaBundleChoice dir;
  dir.dir = "/home/u/certs";
  dir.source = "SSL_CERT_DIR";
  auto unhashed = tls_failure_hint("SSL certificate problem: unable to get local issuer certificate", dir);
  CHECK_THAT(unhashed, Catch::Contains("openssl rehash /home/u/certs"));
}
