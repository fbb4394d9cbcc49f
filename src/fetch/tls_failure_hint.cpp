#include "fetch/tls_failure_hint.hpp"

namespace userpkg {

std::string tls_failure_hint(const std::string& curl_message, const CaBundleChoice& ca) {
  auto says = [&](const char* text) { return curl_message.find(text) != std::string::npos; };
  if (says("subject name") || says("does not match target host") || says("no alternative certificate"))
    return "the server's certificate is for another host name: use the name it was issued for in the URL "
           "(the CA bundle is not the problem)";
  if (says("error setting certificate") || says("certificate file") || says("verify locations"))
    return "cannot use " + ca.describe() + ": check that it is readable by you and holds PEM certificates, "
           "or point SSL_CERT_FILE at one that does";
  if (!ca.dir.empty())
    return "the certificates in " + ca.dir + " are found by their hashed names: run `openssl rehash " + ca.dir +
           "`, or point SSL_CERT_FILE at a PEM bundle that includes the server's CA";
  return "point SSL_CERT_FILE or ca_file in the config at a CA bundle that includes the server's CA";
}

}  // namespace userpkg
