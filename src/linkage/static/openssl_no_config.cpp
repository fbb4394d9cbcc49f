// The static userpkg reads no openssl.cnf. OpenSSL would load the file named by OPENSSL_CONF or
// compiled in (OPENSSLDIR) the first time libcurl initialises TLS, and the host's file may name
// providers or engines, which a static program cannot load (it has no dlopen), or use another
// OpenSSL version's syntax. Settling OpenSSL's configuration step as "none" before main makes every
// later request to load it a no-op (OpenSSL runs that step once per process).
#include <openssl/crypto.h>

namespace {

[[maybe_unused]] const bool openssl_config_settled = [] {
  return OPENSSL_init_crypto(OPENSSL_INIT_NO_LOAD_CONFIG, nullptr) == 1;
}();

}  // namespace
