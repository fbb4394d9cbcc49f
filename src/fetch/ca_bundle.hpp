#pragma once
// Which CA bundle verifies TLS: the configured file, else SSL_CERT_FILE, else the first of the
// usual system bundles that exists. TLS verification is never turned off.
#include <functional>
#include <string>
#include <vector>

#include "util/environment.hpp"

namespace userpkg {

struct CaBundleChoice {
  std::string path;    // empty: none found (libcurl's built-in default is used)
  std::string source;  // "ca_file in config", "SSL_CERT_FILE", "system bundle"
};

// Debian/Ubuntu, RHEL/CentOS/Fedora, SUSE, Alpine, in that order.
const std::vector<std::string>& system_ca_bundles();

CaBundleChoice choose_ca_bundle(const std::string& configured, const Environment& env,
                                const std::function<bool(const std::string&)>& exists);

// The same, against the real environment and file system.
CaBundleChoice choose_ca_bundle(const std::string& configured);

}  // namespace userpkg
