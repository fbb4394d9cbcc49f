#include "fetch/transfer.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <vector>

#include "fetch/curl_defaults.hpp"
#include "fetch/tls_failure_hint.hpp"
#include "util/error.hpp"

namespace userpkg {
namespace {

// Feeds the first `size` bytes of an open file into the hasher (for a resumed .part).
void hash_existing(int fd, std::uint64_t size, BackgroundSha256& hasher, const std::filesystem::path& path) {
  std::vector<char> buffer(1 << 17);
  std::uint64_t left = size;
  off_t at = 0;
  while (left > 0) {
    std::size_t want = left < buffer.size() ? static_cast<std::size_t>(left) : buffer.size();
    ssize_t n = ::pread(fd, buffer.data(), want, at);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) throw Error("cannot read " + path.string(), n < 0 ? errno_text(errno) : "file shrank while reading");
    hasher.update(buffer.data(), static_cast<std::size_t>(n));
    at += n;
    left -= static_cast<std::uint64_t>(n);
  }
}

bool starts_with_nocase(std::string_view text, std::string_view prefix) {
  if (text.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(text[i])) != prefix[i]) return false;
  return true;
}

bool is_tls_verification(CURLcode code) {
  return code == CURLE_PEER_FAILED_VERIFICATION || code == CURLE_SSL_CACERT_BADFILE ||
         code == CURLE_SSL_ISSUER_ERROR || code == CURLE_SSL_CRL_BADFILE;
}

bool is_transient(CURLcode code) {
  switch (code) {
    case CURLE_COULDNT_CONNECT:
    case CURLE_OPERATION_TIMEDOUT:
    case CURLE_RECV_ERROR:
    case CURLE_SEND_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_PARTIAL_FILE:
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_HTTP2:
    case CURLE_HTTP2_STREAM:
    case CURLE_WEIRD_SERVER_REPLY:
      return true;
    default:
      return false;
  }
}

}  // namespace

Transfer::Transfer(std::string url, std::filesystem::path part_path, std::string display_name,
                   const TransferOptions& options)
    : url_(std::move(url)),
      part_path_(std::move(part_path)),
      display_name_(std::move(display_name)),
      proxy_(options.proxy),
      ca_(options.ca) {
  // Before anything is created: an https download with no CA bundle is a setup problem.
  const std::string proxy_url = proxy_ ? proxy_->url : std::string();
  if (!ca_.found() && needs_ca_bundle(url_, proxy_url)) throw ca_.error();
  fd_ = ::open(part_path_.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd_ < 0)
    throw Error("cannot create " + part_path_.string(), errno_text(errno), "check permissions and free space");
  struct stat st {};
  if (::fstat(fd_, &st) != 0) {
    int err = errno;
    ::close(fd_);
    throw Error("cannot read " + part_path_.string(), errno_text(err));
  }
  try {
    hash_existing(fd_, static_cast<std::uint64_t>(st.st_size), hasher_, part_path_);
  } catch (...) {
    ::close(fd_);
    throw;
  }
  offset_ = resumed_from_ = static_cast<std::uint64_t>(st.st_size);
  ::lseek(fd_, 0, SEEK_END);

  easy_ = curl_easy_init();
  if (!easy_) {
    ::close(fd_);
    throw Error("internal error: cannot create a curl handle");
  }
  apply_ca_bundle(easy_, ca_, url_, proxy_url);  // checked above: does not throw
  curl_easy_setopt(easy_, CURLOPT_URL, url_.c_str());
  curl_easy_setopt(easy_, CURLOPT_PRIVATE, this);
  curl_easy_setopt(easy_, CURLOPT_WRITEFUNCTION, &Transfer::on_write);
  curl_easy_setopt(easy_, CURLOPT_WRITEDATA, this);
  curl_easy_setopt(easy_, CURLOPT_HEADERFUNCTION, &Transfer::on_header);
  curl_easy_setopt(easy_, CURLOPT_HEADERDATA, this);
  apply_curl_defaults(easy_, error_buffer_);
  curl_easy_setopt(easy_, CURLOPT_FAILONERROR, 1L);
  curl_easy_setopt(easy_, CURLOPT_USERAGENT, options.user_agent.c_str());
  curl_easy_setopt(easy_, CURLOPT_LOW_SPEED_LIMIT, options.low_speed_limit);
  curl_easy_setopt(easy_, CURLOPT_LOW_SPEED_TIME, options.low_speed_time);
  curl_easy_setopt(easy_, CURLOPT_CONNECTTIMEOUT, options.connect_timeout);
  curl_easy_setopt(easy_, CURLOPT_BUFFERSIZE, 128L * 1024L);
  // The proxy is always set explicitly ("" = none), so the proxy named in errors is the one used.
  curl_easy_setopt(easy_, CURLOPT_PROXY, proxy_ ? proxy_->url.c_str() : "");
  if (offset_ > 0) {
    std::string range = std::to_string(offset_) + "-";
    curl_easy_setopt(easy_, CURLOPT_RANGE, range.c_str());  // libcurl copies option strings
  }
}

Transfer::~Transfer() {
  if (easy_) curl_easy_cleanup(easy_);
  if (fd_ >= 0) ::close(fd_);
}

std::size_t Transfer::on_write(char* data, std::size_t size, std::size_t count, void* self) {
  return static_cast<Transfer*>(self)->write(data, size * count);
}

std::size_t Transfer::on_header(char* data, std::size_t size, std::size_t count, void* self) {
  auto* transfer = static_cast<Transfer*>(self);
  std::string_view line(data, size * count);
  if (line.starts_with("HTTP/")) {
    transfer->content_range_start_ = -1;  // a new response (after a redirect)
  } else if (starts_with_nocase(line, "content-range:")) {
    auto bytes = line.find("bytes ");
    if (bytes != std::string_view::npos) {
      std::int64_t start = 0;
      std::size_t i = bytes + 6;
      while (i < line.size() && line[i] >= '0' && line[i] <= '9') start = start * 10 + (line[i++] - '0');
      transfer->content_range_start_ = start;
    }
  }
  return size * count;
}

void Transfer::restart_from_zero() {
  if (::ftruncate(fd_, 0) != 0) write_errno_ = errno;
  ::lseek(fd_, 0, SEEK_SET);
  hasher_.reset();
  offset_ = 0;
}

// Decides, at the first byte of the body, whether it continues the .part or replaces it.
bool Transfer::begin_body() {
  body_started_ = true;
  if (offset_ == 0) return true;
  long status = 0;
  curl_easy_getinfo(easy_, CURLINFO_RESPONSE_CODE, &status);
  if (status == 206) {
    if (content_range_start_ == static_cast<std::int64_t>(offset_)) return true;
    bad_range_ = true;  // a range we did not ask for: do not splice it in
    return false;
  }
  range_ignored_ = true;  // 200: the server ignored Range and sends the whole file
  restart_from_zero();
  return write_errno_ == 0;
}

std::size_t Transfer::write(const char* data, std::size_t length) {
  if (!body_started_ && !begin_body()) return 0;
  const char* p = data;
  std::size_t left = length;
  while (left > 0) {
    ssize_t n = ::write(fd_, p, left);
    if (n < 0) {
      if (errno == EINTR) continue;
      write_errno_ = errno;
      return 0;  // makes curl stop with CURLE_WRITE_ERROR
    }
    p += n;
    left -= static_cast<std::size_t>(n);
  }
  hasher_.update(data, length);
  written_ += length;
  return length;
}

TransferProgress Transfer::progress() const {
  TransferProgress p;
  p.name = display_name_;
  p.done = offset_ + written_;
  curl_off_t length = -1;
  curl_easy_getinfo(easy_, CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &length);
  long status = 0;
  curl_easy_getinfo(easy_, CURLINFO_RESPONSE_CODE, &status);
  if (length >= 0) p.total = static_cast<std::uint64_t>(length) + (status == 206 ? offset_ : 0);
  return p;
}

TransferOutcome Transfer::finish(CURLcode code) {
  // An empty 200 body never reaches on_write; it still replaces a resumed part.
  if (code == CURLE_OK && !body_started_) begin_body();
  TransferOutcome outcome = classify(code);
  if (outcome.result == TransferResult::ok) outcome.sha256 = hasher_.hex_digest();
  ::close(fd_);
  fd_ = -1;
  return outcome;
}

TransferOutcome Transfer::classify(CURLcode code) const {
  if (code == CURLE_OK) {
    if (write_errno_ != 0)
      return {TransferResult::failed, "cannot write " + part_path_.string() + ": " + errno_text(write_errno_),
              "check free space in the download cache", {}};
    return {TransferResult::ok, {}, {}, {}};
  }
  if (code == CURLE_WRITE_ERROR && bad_range_)
    return {TransferResult::restart, "the server answered with a different byte range than requested", {}, {}};
  if (code == CURLE_WRITE_ERROR && write_errno_ != 0)
    return {TransferResult::failed, "cannot write " + part_path_.string() + ": " + errno_text(write_errno_),
            "check free space in the download cache", {}};
  if (code == CURLE_HTTP_RETURNED_ERROR) {
    long status = 0;
    curl_easy_getinfo(easy_, CURLINFO_RESPONSE_CODE, &status);
    std::string why = "HTTP " + std::to_string(status);
    if (status == 404 || status == 410) return {TransferResult::not_found, "not found (" + why + ")", {}, {}};
    if (status == 416) return {TransferResult::restart, "cannot resume the partial download (" + why + ")", {}, {}};
    if (status == 408 || status == 429 || status >= 500) return {TransferResult::transient, why, {}, {}};
    if (status == 407 && proxy_)
      return {TransferResult::failed, why + " (proxy authentication required) " + describe(*proxy_),
              "put the proxy's user name and password in the proxy URL: http://user:password@host:port", {}};
    return {TransferResult::failed, why, {}, {}};
  }
  std::string detail = error_buffer_[0] ? std::string(error_buffer_) : std::string(curl_easy_strerror(code));
  if (is_tls_verification(code)) {
    if (!ca_.found())  // an http URL redirected to https, with no CA bundle anywhere
      return {TransferResult::failed, "TLS certificate verification failed: " + ca_.problem + " (" + ca_.why + ")",
              ca_.hint, {}};
    return {TransferResult::failed, "TLS certificate verification failed with " + ca_.describe() + ": " + detail,
            tls_failure_hint(detail, ca_), {}};
  }
  if (proxy_) detail += " " + describe(*proxy_);
  TransferResult result = is_transient(code) ? TransferResult::transient : TransferResult::failed;
  std::string hint;
  if (proxy_ && (code == CURLE_COULDNT_RESOLVE_PROXY || code == CURLE_COULDNT_CONNECT))
    hint = "check " + proxy_->variable + ", or unset it if no proxy is needed";
  return {result, detail, hint, {}};
}

}  // namespace userpkg
