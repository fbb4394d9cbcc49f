#include "fetch/background_sha256.hpp"

namespace userpkg {

BackgroundSha256::BackgroundSha256() : worker_([this] { run(); }) {}

BackgroundSha256::~BackgroundSha256() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  changed_.notify_all();
  worker_.join();
}

void BackgroundSha256::update(const void* data, std::size_t size) {
  if (size == 0) return;
  std::unique_lock<std::mutex> lock(mutex_);
  changed_.wait(lock, [&] { return queue_.size() < kMaxQueued; });
  std::vector<char> chunk;
  if (!spare_.empty()) {
    chunk = std::move(spare_.back());
    spare_.pop_back();
  }
  const char* bytes = static_cast<const char*>(data);
  chunk.assign(bytes, bytes + size);
  queue_.push_back(std::move(chunk));
  changed_.notify_all();
}

void BackgroundSha256::drain(std::unique_lock<std::mutex>& lock) {
  changed_.wait(lock, [&] { return queue_.empty() && !busy_; });
}

void BackgroundSha256::reset() {
  std::unique_lock<std::mutex> lock(mutex_);
  drain(lock);
  hash_ = Sha256();
}

std::string BackgroundSha256::hex_digest() {
  std::unique_lock<std::mutex> lock(mutex_);
  drain(lock);
  std::string digest = hash_.hex_digest();
  hash_ = Sha256();
  return digest;
}

void BackgroundSha256::run() {
  std::unique_lock<std::mutex> lock(mutex_);
  while (true) {
    changed_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
    if (queue_.empty()) return;  // stopping, and nothing left
    std::vector<char> chunk = std::move(queue_.front());
    queue_.pop_front();
    busy_ = true;
    lock.unlock();
    hash_.update(chunk.data(), chunk.size());  // only this thread touches hash_ while busy_
    lock.lock();
    busy_ = false;
    spare_.push_back(std::move(chunk));
    changed_.notify_all();
  }
}

}  // namespace userpkg
