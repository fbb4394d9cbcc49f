#pragma once
// What to do about a refused TLS connection, from libcurl's message: a certificate for another
// name, a bundle that cannot be read, an SSL_CERT_DIR without hashed names, or (the usual case) a
// server whose CA the bundle lacks. Each needs a different fix.
#include <string>

#include "fetch/ca_bundle.hpp"

namespace userpkg {

std::string tls_failure_hint(const std::string& curl_message, const CaBundleChoice& ca);

}  // namespace userpkg
