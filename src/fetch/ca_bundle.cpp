#include "fetch/ca_bundle.hpp"

#include <filesystem>

namespace userpkg {

const std::vector<std::string>& system_ca_bundles() {
  static const std::vector<std::string> paths = {
      "/etc/ssl/certs/ca-certificates.crt",                 // Debian, Ubuntu, Gentoo, Arch
      "/etc/pki/tls/certs/ca-bundle.crt",                   // RHEL, CentOS, Fedora
      "/etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem",  // RHEL 7+
      "/etc/ssl/ca-bundle.pem",                             // openSUSE, SLES
      "/var/lib/ca-certificates/ca-bundle.pem",             // SUSE
      "/etc/ssl/cert.pem",                                  // Alpine, macOS
  };
  return paths;
}

CaBundleChoice choose_ca_bundle(const std::string& configured, const Environment& env,
                                const std::function<bool(const std::string&)>& exists) {
  if (!configured.empty()) return {configured, "ca_file in config"};
  if (auto from_env = env.get("SSL_CERT_FILE"); from_env && !from_env->empty()) return {*from_env, "SSL_CERT_FILE"};
  for (const auto& path : system_ca_bundles())
    if (exists(path)) return {path, "system bundle"};
  return {};
}

CaBundleChoice choose_ca_bundle(const std::string& configured) {
  return choose_ca_bundle(configured, Environment::current(), [](const std::string& path) {
    std::error_code ec;
    return std::filesystem::is_regular_file(path, ec);
  });
}

}  // namespace userpkg
