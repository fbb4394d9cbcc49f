#include "fetch/ca_bundle.hpp"

#include <sys/stat.h>

#include "util/strings.hpp"

namespace userpkg {
namespace {

const char* kHint =
    "set SSL_CERT_FILE=/path/to/ca-bundle.pem (or SSL_CERT_DIR=/path/to/certs/), or "
    "ca_file = \"/path/to/ca-bundle.pem\" in ~/.config/userpkg/config.toml";

CaBundleChoice problem(std::string what, std::string why, std::string hint) {
  CaBundleChoice c;
  c.problem = std::move(what);
  c.why = std::move(why);
  c.hint = std::move(hint);
  return c;
}

std::string kind_text(PathKind kind) {
  return kind == PathKind::missing ? "does not exist" : kind == PathKind::directory ? "is a directory" : "is a file";
}

bool starts_with_https(const std::string& url) {
  if (url.size() < 8) return false;
  std::string scheme = url.substr(0, 8);
  for (char& c : scheme) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return scheme == "https://";
}

}  // namespace

std::string CaBundleChoice::describe() const {
  if (!file.empty()) return file + " (" + source + ")";
  if (!dir.empty()) return dir + " (" + source + ")";
  return problem;
}

const std::vector<std::string>& system_ca_bundles() {
  static const std::vector<std::string> paths = {
      "/etc/ssl/certs/ca-certificates.crt",                 // Debian, Ubuntu, Gentoo, Arch
      "/etc/pki/tls/certs/ca-bundle.crt",                   // RHEL, CentOS, Rocky, Fedora
      "/etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem",  // RHEL 7+
      "/etc/ssl/ca-bundle.pem",                             // openSUSE, SLES
      "/var/lib/ca-certificates/ca-bundle.pem",             // SUSE
      "/etc/ssl/cert.pem",                                  // Alpine, macOS
  };
  return paths;
}

CaBundleChoice choose_ca_bundle(const std::string& configured, const Environment& env, const PathProbe& kind) {
  auto set = [&](const char* name) -> std::optional<std::string> {
    auto value = env.get(name);
    if (!value || value->empty()) return std::nullopt;
    return value;
  };
  std::vector<std::string> tried;

  if (auto file = set("SSL_CERT_FILE")) {
    PathKind k = kind(*file);
    if (k == PathKind::file) return {*file, "", "SSL_CERT_FILE", "", "", ""};
    return problem("SSL_CERT_FILE names no CA bundle", "SSL_CERT_FILE=" + *file + ": " + kind_text(k),
                   k == PathKind::directory ? "a directory of certificates goes in SSL_CERT_DIR; SSL_CERT_FILE names "
                                              "one PEM file (e.g. /etc/ssl/certs/ca-certificates.crt)"
                                            : "point SSL_CERT_FILE at a PEM CA bundle, or unset it to use ca_file "
                                              "or the system's bundle");
  }
  tried.push_back("SSL_CERT_FILE (unset)");

  if (auto dirs = set("SSL_CERT_DIR")) {
    // A ':'-separated list, as OpenSSL reads it; the directories that exist are used.
    std::vector<std::string> usable;
    for (const std::string& d : split(*dirs, ':', true))
      if (kind(d) == PathKind::directory) usable.push_back(d);
    if (!usable.empty()) return {"", join(usable, ":"), "SSL_CERT_DIR", "", "", ""};
    return problem("SSL_CERT_DIR names no CA directory", "SSL_CERT_DIR=" + *dirs + ": no such directory",
                   "point SSL_CERT_DIR at a directory of hashed certificates (`openssl rehash DIR`), or unset it to "
                   "use ca_file or the system's bundle");
  }
  tried.push_back("SSL_CERT_DIR (unset)");

  if (!configured.empty()) {
    PathKind k = kind(configured);
    if (k == PathKind::file) return {configured, "", "ca_file in config", "", "", ""};
    return problem("ca_file in the config names no CA bundle", "ca_file = \"" + configured + "\": " + kind_text(k),
                   "fix ca_file in ~/.config/userpkg/config.toml (a PEM bundle), or remove it to use the "
                   "system's bundle");
  }
  tried.push_back("ca_file in config (unset)");

  for (const auto& path : system_ca_bundles()) {
    if (kind(path) == PathKind::file) return {path, "", "system bundle", "", "", ""};
    tried.push_back(path);
  }
  return problem("no CA bundle found to verify https:// downloads", "tried " + join(tried, ", ") + "; none exists",
                 kHint);
}

CaBundleChoice choose_ca_bundle(const std::string& configured) {
  return choose_ca_bundle(configured, Environment::current(), [](const std::string& path) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) return PathKind::missing;
    return S_ISDIR(st.st_mode) ? PathKind::directory : PathKind::file;
  });
}

bool needs_ca_bundle(const std::string& url, const std::string& proxy_url) {
  return starts_with_https(url) || starts_with_https(proxy_url);
}

}  // namespace userpkg
