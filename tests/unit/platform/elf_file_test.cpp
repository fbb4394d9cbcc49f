// The ELF reader on real objects of this machine (libstdc++, this test binary, /bin/true), and on
// truncated and corrupted copies: those must be a clean Error, never a crash.
#include <catch2/catch.hpp>

#include <elf.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "platform/elf_file.hpp"
#include "platform/elf_versions.hpp"
#include "util/error.hpp"

using namespace userpkg;

namespace {

std::filesystem::path system_libstdcxx() {
  for (const char* dir : {"/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/usr/lib64", "/usr/lib"})
    if (std::filesystem::exists(std::string(dir) + "/libstdc++.so.6")) return std::string(dir) + "/libstdc++.so.6";
  FAIL("no libstdc++.so.6 on this machine (g++ is a build dependency)");
  return {};
}

std::vector<unsigned char> bytes_of(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

bool contains(const std::vector<std::string>& list, const std::string& item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

// Parses, expecting either success or an Error; anything else (a crash, another exception) fails.
bool parses_or_errors(const std::vector<unsigned char>& bytes) {
  try {
    parse_elf(bytes, "mutant");
    return true;
  } catch (const Error&) {
    return false;
  }
}

}  // namespace

TEST_CASE("libstdc++ defines GLIBCXX_3.4.30 and names itself", "[elf]") {
  ElfInfo info = read_elf(system_libstdcxx());
  CHECK(info.is_64bit);
  CHECK(info.has_dynamic);
  REQUIRE(info.soname);
  CHECK(*info.soname == "libstdc++.so.6");
  CHECK(contains(info.needed, "libc.so.6"));
  CHECK(contains(info.version_definitions, "GLIBCXX_3.4"));
  CHECK(contains(info.version_definitions, "GLIBCXX_3.4.30"));
  CHECK(contains(info.version_definitions, "CXXABI_1.3"));
  CHECK_FALSE(contains(info.version_definitions, "libstdc++.so.6"));  // the base entry is not a version
  auto newest = newest_in_family(info.version_definitions, "GLIBCXX");
  REQUIRE(newest);
  CHECK_FALSE(version_name_less(*newest, "GLIBCXX_3.4.30"));
  // libstdc++ itself needs versions of libc and libgcc_s.
  auto libc = std::find_if(info.version_needs.begin(), info.version_needs.end(),
                           [](const ElfVersionNeed& n) { return n.file == "libc.so.6"; });
  REQUIRE(libc != info.version_needs.end());
  CHECK(contains(libc->versions, "GLIBC_2.2.5"));
}

TEST_CASE("a g++-built program needs GLIBCXX versions from libstdc++.so.6", "[elf]") {
  ElfInfo info = read_elf("/proc/self/exe");  // this test binary
  CHECK(contains(info.needed, "libstdc++.so.6"));
  auto need = std::find_if(info.version_needs.begin(), info.version_needs.end(),
                           [](const ElfVersionNeed& n) { return n.file == "libstdc++.so.6"; });
  REQUIRE(need != info.version_needs.end());
  CHECK(std::any_of(need->versions.begin(), need->versions.end(),
                    [](const std::string& v) { return v.starts_with("GLIBCXX_3.4"); }));
  CHECK(info.version_definitions.empty());
}

TEST_CASE("files that are not ELF are refused with an Error", "[elf]") {
  std::vector<unsigned char> text{'#', '!', '/', 'b', 'i', 'n', '/', 's', 'h', '\n'};
  CHECK_THROWS_AS(parse_elf(text, "script"), Error);
  CHECK_THROWS_AS(parse_elf({}, "empty"), Error);
  CHECK_THROWS_AS(read_elf("/nonexistent/file"), Error);
  CHECK_THROWS_AS(read_elf("/"), Error);
  CHECK_FALSE(has_elf_magic("/etc/hostname"));
  CHECK(has_elf_magic(system_libstdcxx()));
}

TEST_CASE("a big-endian object is refused cleanly", "[elf]") {
  auto bytes = bytes_of("/proc/self/exe");
  bytes.resize(4096);
  bytes[EI_DATA] = ELFDATA2MSB;
  try {
    parse_elf(bytes, "be");
    FAIL("parsed a big-endian file");
  } catch (const Error& e) {
    CHECK_THAT(e.why(), Catch::Contains("big-endian"));
  }
}

TEST_CASE("truncated copies of an object are an Error, never a crash", "[elf]") {
  const auto whole = bytes_of(system_libstdcxx());
  REQUIRE(whole.size() > 100000);
  CHECK(parses_or_errors(whole));
  for (std::size_t length : {std::size_t{1}, std::size_t{4}, std::size_t{16}, std::size_t{63}, std::size_t{64},
                             std::size_t{200}, std::size_t{4096}, whole.size() / 4, whole.size() / 2}) {
    INFO("truncated to " << length);
    std::vector<unsigned char> cut(whole.begin(), whole.begin() + static_cast<std::ptrdiff_t>(length));
    CHECK_FALSE(parses_or_errors(cut));
  }
}

TEST_CASE("corrupted header fields are caught", "[elf]") {
  auto bytes = bytes_of("/bin/true");
  REQUIRE(bytes.size() > sizeof(Elf64_Ehdr));
  REQUIRE(bytes[EI_CLASS] == ELFCLASS64);
  auto with = [&](auto mutate) {
    auto copy = bytes;
    Elf64_Ehdr h;
    std::memcpy(&h, copy.data(), sizeof h);
    mutate(h);
    std::memcpy(copy.data(), &h, sizeof h);
    return copy;
  };
  CHECK_FALSE(parses_or_errors(with([](Elf64_Ehdr& h) { h.e_phoff = ~Elf64_Off{0} - 8; })));
  CHECK_FALSE(parses_or_errors(with([](Elf64_Ehdr& h) { h.e_phoff = 1u << 30; })));
  CHECK_FALSE(parses_or_errors(with([](Elf64_Ehdr& h) { h.e_phentsize = 4; })));
  CHECK_FALSE(parses_or_errors(with([](Elf64_Ehdr& h) { h.e_phnum = PN_XNUM; })));
  auto unknown_class = bytes;
  unknown_class[EI_CLASS] = 7;
  CHECK_FALSE(parses_or_errors(unknown_class));
}

TEST_CASE("random byte corruption never crashes the reader", "[elf]") {
  const auto original = bytes_of("/bin/true");
  REQUIRE(original.size() > 8192);
  std::uint32_t seed = 12345;
  auto next = [&seed] {
    seed = seed * 1664525u + 1013904223u;
    return seed >> 8;
  };
  int errors = 0;
  for (int round = 0; round < 3000; ++round) {
    auto copy = original;
    // Corrupt where the loader's structures live: headers, program headers, and (by chance) the
    // dynamic section and version tables in the first pages.
    int flips = 1 + static_cast<int>(next() % 8);
    for (int i = 0; i < flips; ++i) {
      std::size_t span = round % 2 ? 256 : 8192;
      copy[next() % span] = static_cast<unsigned char>(next());
    }
    if (!parses_or_errors(copy)) ++errors;
  }
  CHECK(errors > 0);  // some mutations must have been detected
}
