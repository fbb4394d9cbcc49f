#include <catch2/catch.hpp>

#include <string>

#include "fetch/background_sha256.hpp"

using namespace userpkg;

TEST_CASE("the background hasher gives the same digest as the plain one", "[sha256]") {
  std::string data;
  for (int i = 0; i < 200000; ++i) data += static_cast<char>(i * 31 % 251);
  BackgroundSha256 h;
  // Many uneven chunks, more than the queue holds at once.
  for (std::size_t pos = 0; pos < data.size(); pos += 997) h.update(data.data() + pos, std::min<std::size_t>(997, data.size() - pos));
  CHECK(h.hex_digest() == sha256_hex(data));
  // After a digest (and after reset) it starts afresh.
  h.update("abc", 3);
  CHECK(h.hex_digest() == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  h.update("junk", 4);
  h.reset();
  h.update("abc", 3);
  CHECK(h.hex_digest() == sha256_hex("abc"));
}
