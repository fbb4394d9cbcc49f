#pragma once
// One download: a libcurl easy handle streaming into "<file>.part" while hashing it. An existing
// .part is resumed with a Range request; a server that ignores Range (200) restarts it from zero.
// The Fetcher drives the handle in its multi loop and calls finish() when curl is done with it.
#include <curl/curl.h>

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include "fetch/ca_bundle.hpp"
#include "fetch/proxy.hpp"
#include "fetch/background_sha256.hpp"
#include "util/reporter.hpp"

namespace userpkg {

struct TransferOptions {
  std::string user_agent;
  CaBundleChoice ca;
  std::optional<ProxyChoice> proxy;  // decided by proxy_for(); curl is told exactly this
  long low_speed_limit = 1024;       // bytes/s
  long low_speed_time = 60;          // seconds
  long connect_timeout = 30;         // seconds
};

enum class TransferResult {
  ok,         // complete; sha256 holds the hash of the whole file
  not_found,  // 404/410: try the next source
  transient,  // worth retrying after a pause (connection refused/reset, timeout, 5xx, 429)
  restart,    // the partial file is unusable (416, wrong range): delete it and try again at once
  failed,     // anything else (403, TLS verification, disk full): try the next source
};

struct TransferOutcome {
  TransferResult result = TransferResult::failed;
  std::string why;     // what went wrong, for the user
  std::string hint;    // what to do about it, when there is something specific
  std::string sha256;  // when ok
};

class Transfer {
 public:
  // Opens (or resumes) part_path; throws Error if it cannot be created or read.
  Transfer(std::string url, std::filesystem::path part_path, std::string display_name, const TransferOptions& options);
  ~Transfer();
  Transfer(const Transfer&) = delete;
  Transfer& operator=(const Transfer&) = delete;

  CURL* easy() const { return easy_; }
  const std::string& url() const { return url_; }
  const std::filesystem::path& part_path() const { return part_path_; }
  std::uint64_t resumed_from() const { return resumed_from_; }  // bytes of .part reused (0: fresh)
  bool range_ignored() const { return range_ignored_; }          // server sent the whole file again
  TransferProgress progress() const;

  // Closes the file and says how it went; call once, after curl reported the handle done.
  TransferOutcome finish(CURLcode code);

 private:
  static std::size_t on_write(char* data, std::size_t size, std::size_t count, void* self);
  static std::size_t on_header(char* data, std::size_t size, std::size_t count, void* self);
  std::size_t write(const char* data, std::size_t length);
  bool begin_body();
  void restart_from_zero();
  TransferOutcome classify(CURLcode code) const;

  std::string url_;
  std::filesystem::path part_path_;
  std::string display_name_;
  std::optional<ProxyChoice> proxy_;
  CaBundleChoice ca_;
  CURL* easy_ = nullptr;
  int fd_ = -1;
  BackgroundSha256 hasher_;
  std::uint64_t offset_ = 0;        // bytes already in the file when this response began
  std::uint64_t resumed_from_ = 0;
  std::uint64_t written_ = 0;       // bytes written by this response
  std::int64_t content_range_start_ = -1;
  bool body_started_ = false;
  bool range_ignored_ = false;
  bool bad_range_ = false;
  int write_errno_ = 0;
  char error_buffer_[CURL_ERROR_SIZE] = {};
};

}  // namespace userpkg
