#include "nginx_server.hpp"

#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "util/process.hpp"

namespace userpkg::test {
namespace {

std::filesystem::path lib_sh() {
  // This file is tests/unit/support/nginx_server.cpp; the harness is tests/e2e/lib.sh.
  return std::filesystem::path(__FILE__).parent_path().parent_path().parent_path() / "e2e" / "lib.sh";
}

}  // namespace

NginxServer::NginxServer(const std::filesystem::path& root, const std::filesystem::path& work_dir)
    : work_dir_(work_dir) {
  const char* script = "source \"$1\" && nginx_launch \"$2\" \"$3\" && echo \"PORTS $HTTP_PORT $HTTPS_PORT\"";
  auto out = capture_process({"bash", "-c", script, "nginx", lib_sh().string(), work_dir.string(), root.string()});
  auto at = out.output.rfind("PORTS ");
  if (out.status != 0 || at == std::string::npos)
    throw std::runtime_error("cannot start nginx (status " + std::to_string(out.status) + "):\n" + out.output);
  std::istringstream ports(out.output.substr(at + 6));
  ports >> http_port_ >> https_port_;
}

NginxServer::~NginxServer() {
  std::ifstream pid_file(work_dir_ / "nginx.pid");
  pid_t pid = 0;
  if (!(pid_file >> pid) || pid <= 0) return;
  ::kill(pid, SIGTERM);
  // nginx deletes its pid file on exit (the process may stay a zombie if nobody reaps it).
  for (int i = 0; i < 200 && std::filesystem::exists(work_dir_ / "nginx.pid"); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(25));
}

namespace {
std::vector<std::string> read_lines(const std::filesystem::path& path) {
  std::vector<std::string> lines;
  std::ifstream log(path);
  for (std::string line; std::getline(log, line);) lines.push_back(line);
  return lines;
}
}  // namespace

std::vector<std::string> NginxServer::requests() const {
  // nginx logs a request just after sending its last byte, so a client can finish first: read
  // until the log stops changing.
  auto lines = read_lines(work_dir_ / "access.log");
  for (int i = 0; i < 50; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(40));
    auto again = read_lines(work_dir_ / "access.log");
    if (again == lines) break;
    lines = std::move(again);
  }
  return lines;
}

std::size_t NginxServer::count_requests(const std::string& text) const {
  std::size_t n = 0;
  for (const auto& line : requests())
    if (line.find(text) != std::string::npos) ++n;
  return n;
}

int unused_port() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) throw std::runtime_error("socket() failed");
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  socklen_t len = sizeof addr;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
    ::close(fd);
    throw std::runtime_error("cannot find a free port");
  }
  ::close(fd);
  return ntohs(addr.sin_port);
}

}  // namespace userpkg::test
