#pragma once
// A real nginx on 127.0.0.1 for Catch2 tests: HTTP and HTTPS (certificate from a CA made at start)
// serving a directory; stopped in the destructor. The configuration comes from tests/e2e/lib.sh
// (nginx_launch), so unit and e2e tests share it, including its special locations:
//   /fail503/…  always 503    /fail404/…  always 404    /norange/…  ignores Range    /slow/…  4 KB/s
#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

namespace userpkg::test {

class NginxServer {
 public:
  // Starts nginx serving root; its files (config, logs, certificates) go into work_dir, which
  // must exist. Throws std::runtime_error (with nginx's error log) if it cannot start.
  NginxServer(const std::filesystem::path& root, const std::filesystem::path& work_dir);
  ~NginxServer();
  NginxServer(const NginxServer&) = delete;
  NginxServer& operator=(const NginxServer&) = delete;

  std::string http_url() const { return "http://127.0.0.1:" + std::to_string(http_port_); }
  std::string https_url() const { return "https://127.0.0.1:" + std::to_string(https_port_); }
  std::filesystem::path ca_file() const { return work_dir_ / "ca.pem"; }

  // Access-log lines, each "<method> <uri> <status> range=<Range header or ->".
  std::vector<std::string> requests() const;
  // How many access-log lines contain text.
  std::size_t count_requests(const std::string& text) const;

 private:
  std::filesystem::path work_dir_;
  int http_port_ = 0;
  int https_port_ = 0;
};

// A TCP port on 127.0.0.1 that nothing listens on (bound once by the kernel's choice, then closed).
int unused_port();

}  // namespace userpkg::test
