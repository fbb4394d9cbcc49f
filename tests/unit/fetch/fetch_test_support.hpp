#pragma once
// Shared pieces of the fetch tests: a temp dir with a served web root, a recording reporter,
// test files with their hashes, and scoped environment variables.
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "../support/nginx_server.hpp"
#include "core/recipe.hpp"
#include "fetch/fetch_settings.hpp"
#include "fetch/sha256.hpp"
#include "util/fs.hpp"
#include "util/reporter.hpp"

namespace userpkg::test {

class RecordingReporter : public Reporter {
 public:
  void info(std::string_view m) override { infos.emplace_back(m); }
  void detail(std::string_view m) override { details.emplace_back(m); }
  void warn(std::string_view m) override { warnings.emplace_back(m); }
  void transfers(const std::vector<TransferProgress>& active) override {
    ++transfer_reports;
    if (!active.empty()) last_active = active;
  }
  std::vector<std::string> infos, details, warnings;
  int transfer_reports = 0;
  std::vector<TransferProgress> last_active;
};

// Sets (or unsets) an environment variable for one scope, then restores it.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, const std::optional<std::string>& value) : name_(name) {
    if (const char* old = std::getenv(name)) old_ = old;
    if (value)
      ::setenv(name, value->c_str(), 1);
    else
      ::unsetenv(name);
  }
  ~ScopedEnv() {
    if (old_)
      ::setenv(name_, old_->c_str(), 1);
    else
      ::unsetenv(name_);
  }
  ScopedEnv(const ScopedEnv&) = delete;
  ScopedEnv& operator=(const ScopedEnv&) = delete;

 private:
  const char* name_;
  std::optional<std::string> old_;
};

// Deterministic, incompressible-looking bytes.
inline std::string test_bytes(std::size_t size, unsigned seed = 1) {
  std::string out(size, '\0');
  std::uint32_t x = seed * 2654435761u + 1;
  for (auto& c : out) {
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    c = static_cast<char>(x & 0xff);
  }
  return out;
}

struct FetchFixture {
  ScopedDir tmp{make_unique_dir(std::filesystem::temp_directory_path(), "userpkg-fetch-test")};
  std::filesystem::path www = make_dir(tmp.path() / "www");
  std::filesystem::path cache = tmp.path() / "cache";
  NginxServer server{www, make_dir(tmp.path() / "nginx")};
  // Proxies from the developer's shell must not leak into the tests.
  ScopedEnv no_http_proxy{"http_proxy", std::nullopt};
  ScopedEnv no_https_proxy{"https_proxy", std::nullopt};
  ScopedEnv no_https_proxy_upper{"HTTPS_PROXY", std::nullopt};
  ScopedEnv no_all_proxy{"all_proxy", std::nullopt};
  ScopedEnv no_all_proxy_upper{"ALL_PROXY", std::nullopt};
  // Nor the CA settings, which beat settings().ca_file (the test CA).
  ScopedEnv no_cert_file{"SSL_CERT_FILE", std::nullopt};
  ScopedEnv no_cert_dir{"SSL_CERT_DIR", std::nullopt};
  RecordingReporter reporter;

  static std::filesystem::path make_dir(const std::filesystem::path& dir) {
    ensure_dir(dir);
    return dir;
  }

  // Writes www/<rel> and returns a SourceFile whose URL serves it over HTTP.
  SourceFile serve(const std::string& rel, const std::string& content) {
    auto path = www / rel;
    ensure_dir(path.parent_path());
    write_file_atomic(path, content);
    return SourceFile{server.http_url() + "/" + rel, path.filename().string(), sha256_hex(content)};
  }

  FetchSettings settings() const {
    FetchSettings s;
    s.cache_dir = cache;
    s.ca_file = server.ca_file().string();
    s.retry_delay = std::chrono::milliseconds(10);
    return s;
  }
};

}  // namespace userpkg::test
