#pragma once
// Which CA certificates verify TLS, in this order: SSL_CERT_FILE (a PEM bundle), SSL_CERT_DIR (a
// directory of hashed certificates, as `openssl rehash` makes), the config's `ca_file`, then the
// first of the distributions' bundles that exists. Nothing compiled into libcurl or OpenSSL is
// relied on (a static userpkg runs on many distributions). A variable or ca_file that is set but
// names nothing usable is an error, not a reason to look further. TLS verification is never turned
// off; plain http and file:// need no bundle, so "none found" is only raised by an https transfer.
#include <functional>
#include <string>
#include <vector>

#include "util/environment.hpp"
#include "util/error.hpp"

namespace userpkg {

struct CaBundleChoice {
  std::string file;    // a PEM bundle (CURLOPT_CAINFO), or empty
  std::string dir;     // directories of hashed certificates, ':'-separated (CURLOPT_CAPATH), or empty
  std::string source;  // "SSL_CERT_FILE", "SSL_CERT_DIR", "ca_file in config", "system bundle"
  // When neither file nor dir is set: what, why and what to do, for the Error an https transfer throws.
  std::string problem, why, hint;

  bool found() const { return !file.empty() || !dir.empty(); }
  // "/etc/ssl/cert.pem (system bundle)", for messages; the problem when none was found.
  std::string describe() const;
  Error error() const { return Error(problem, why, hint); }
};

enum class PathKind { missing, file, directory };
using PathProbe = std::function<PathKind(const std::string&)>;

// Debian/Ubuntu, RHEL/CentOS/Rocky/Fedora, SUSE, Alpine, in that order.
const std::vector<std::string>& system_ca_bundles();

CaBundleChoice choose_ca_bundle(const std::string& configured, const Environment& env, const PathProbe& kind);

// The same, against the real environment and file system.
CaBundleChoice choose_ca_bundle(const std::string& configured);

// Whether a request to `url` (through `proxy_url`, "" for none) verifies a certificate: https to the
// server or to the proxy.
bool needs_ca_bundle(const std::string& url, const std::string& proxy_url);

}  // namespace userpkg
