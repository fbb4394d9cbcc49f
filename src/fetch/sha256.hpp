#pragma once
// Incremental SHA-256 over OpenSSL's EVP interface; OpenSSL's headers stay out of this header.
#include <cstddef>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

namespace userpkg {

class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(Sha256&&) noexcept;
  Sha256& operator=(Sha256&&) noexcept;

  void update(const void* data, std::size_t size);
  void update(std::string_view data) { update(data.data(), data.size()); }
  std::string hex_digest();  // finishes the hash; lowercase hex

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

std::string sha256_hex(std::string_view data);
// Hashes a file by streaming it; throws Error if it cannot be read.
std::string sha256_file(const std::filesystem::path& path);
bool is_sha256_hex(std::string_view text);

}  // namespace userpkg
