#pragma once
// Notices a download that receives nothing. curl gives up on it after the low-speed window
// (USERPKG_STALL_TIMEOUT), and retries add more windows: until then the user is told, once per
// stall, that userpkg is waiting, on which host, for how long, and when it gives up.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

namespace userpkg {

// "host:port" of an http(s) URL, without user name or password; the URL itself if it has none.
std::string url_host(const std::string& url);

class StallWatch {
 public:
  using Clock = std::chrono::steady_clock;
  // give_up: curl's low-speed time; the notice comes after a third of it (at most 10 s).
  StallWatch(std::chrono::seconds give_up, Clock::time_point start);

  // Called often with the bytes received so far; the line to show when a stall reaches the notice time.
  std::optional<std::string> update(const std::string& url, const std::string& file, std::uint64_t done,
                                    Clock::time_point now);

 private:
  std::chrono::seconds give_up_;
  Clock::duration notice_;
  std::uint64_t done_ = 0;
  Clock::time_point since_;
  bool told_ = false;
};

}  // namespace userpkg
