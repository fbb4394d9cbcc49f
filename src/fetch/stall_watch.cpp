#include "fetch/stall_watch.hpp"

#include <algorithm>

namespace userpkg {

std::string url_host(const std::string& url) {
  auto scheme = url.find("://");
  if (scheme == std::string::npos) return url;
  std::string rest = url.substr(scheme + 3);
  rest = rest.substr(0, rest.find_first_of("/?#"));
  auto at = rest.rfind('@');
  return at == std::string::npos ? rest : rest.substr(at + 1);
}

StallWatch::StallWatch(std::chrono::seconds give_up, Clock::time_point start)
    : give_up_(give_up),
      notice_(std::min<Clock::duration>(std::chrono::seconds(10), std::chrono::duration_cast<Clock::duration>(give_up) / 3)),
      since_(start) {}

std::optional<std::string> StallWatch::update(const std::string& url, const std::string& file, std::uint64_t done,
                                              Clock::time_point now) {
  if (done != done_) {
    done_ = done;
    since_ = now;
    told_ = false;
    return std::nullopt;
  }
  if (told_ || now - since_ < notice_) return std::nullopt;
  told_ = true;
  const auto waited = std::chrono::duration_cast<std::chrono::seconds>(now - since_).count();
  return "waiting for " + url_host(url) + ": no data for " + std::to_string(waited) + " s" +
         (file.empty() ? "" : " (" + file + ")") + "; giving up after " + std::to_string(give_up_.count()) +
         " s without data (USERPKG_STALL_TIMEOUT)";
}

}  // namespace userpkg
