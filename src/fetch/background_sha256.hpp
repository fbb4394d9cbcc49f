#pragma once
// SHA-256 computed on a worker thread, so hashing a download overlaps with receiving and writing
// it (on loopback or a fast link, hashing in line costs a third of the wall time). Memory stays
// bounded: update() blocks while kMaxQueued chunks are waiting.
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "fetch/sha256.hpp"

namespace userpkg {

class BackgroundSha256 {
 public:
  BackgroundSha256();
  ~BackgroundSha256();
  BackgroundSha256(const BackgroundSha256&) = delete;
  BackgroundSha256& operator=(const BackgroundSha256&) = delete;

  void update(const void* data, std::size_t size);  // copies the data
  void reset();                                      // forget everything hashed so far
  std::string hex_digest();                          // waits for the queued data; then reset()s

 private:
  static constexpr std::size_t kMaxQueued = 16;
  void run();
  void drain(std::unique_lock<std::mutex>& lock);

  Sha256 hash_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<std::vector<char>> queue_;
  std::vector<std::vector<char>> spare_;  // reused buffers: no allocation per chunk
  bool busy_ = false;                     // the worker is hashing a chunk it took off the queue
  bool stopping_ = false;
  std::thread worker_;
};

}  // namespace userpkg
