#include <catch2/catch.hpp>

#include "cuda/redist_entry.hpp"
#include "manifests.hpp"

using namespace userpkg::cuda;
using userpkg::test::error_text;
using Catch::Matchers::Contains;

TEST_CASE("redist entry: relative paths that are safe to join to a URL and a cache", "[cuda]") {
  CHECK(relative_path_problem("cuda_cudart/linux-x86_64/cuda_cudart-linux-x86_64-12.1.105-archive.tar.xz").empty());
  CHECK(relative_path_problem("a..b/c").empty());
  CHECK_THAT(relative_path_problem(""), Contains("empty"));
  CHECK_THAT(relative_path_problem("/etc/passwd"), Contains("absolute"));
  CHECK_THAT(relative_path_problem("a/../b"), Contains(".."));
  CHECK_THAT(relative_path_problem(".."), Contains(".."));
  CHECK_THAT(relative_path_problem("./a"), Contains("\".\""));
  CHECK_THAT(relative_path_problem("a//b"), Contains("empty path component"));
  CHECK_THAT(relative_path_problem("a/"), Contains("empty path component"));
  CHECK_THAT(relative_path_problem("a\\b"), Contains("backslash"));
  CHECK_THAT(relative_path_problem("a?x=1"), Contains("URL"));
  CHECK_THAT(relative_path_problem("a%2F..%2Fb"), Contains("URL"));
  CHECK_THAT(relative_path_problem(std::string("a\nb")), Contains("control"));
}

TEST_CASE("redist entry: sizes and digests", "[cuda]") {
  std::uint64_t size = 7;
  CHECK(parse_size_text("1015888", size));
  CHECK(size == 1015888);
  CHECK(parse_size_text("18446744073709551615", size));
  CHECK_FALSE(parse_size_text("18446744073709551616", size));
  CHECK_FALSE(parse_size_text("", size));
  CHECK_FALSE(parse_size_text("+1", size));
  CHECK_FALSE(parse_size_text("1 ", size));
  CHECK_FALSE(parse_size_text("0x10", size));

  CHECK(sha256_problem(std::string(64, 'a')).empty());
  CHECK(sha256_problem(std::string(64, 'F')).empty());
  CHECK_THAT(sha256_problem(std::string(63, 'a')), Contains("63 characters"));
  CHECK_THAT(sha256_problem(""), Contains("empty"));
  CHECK(lowercase_sha256("ABCdef09") == "abcdef09");
}

TEST_CASE("redist entry: an entry a recipe carries is checked the same way", "[cuda]") {
  RedistEntry entry{"cuda_nvcc", "cuda_nvcc/linux-x86_64/cuda_nvcc-linux-x86_64-12.1.105-archive.tar.xz",
                    "0b85f7eee17788abbd170b0b493c74ce2e9fd5a9604461b99c2c378165e1083b", 48733228, "", ""};
  CHECK_NOTHROW(validate_entry(entry, "recipes/cuda.toml"));
  CHECK(archive_file_name(entry) == "cuda_nvcc-linux-x86_64-12.1.105-archive.tar.xz");

  RedistEntry bad = entry;
  bad.sha256 = "";
  CHECK_THAT(error_text([&] { validate_entry(bad, "recipes/cuda.toml"); }),
             Contains("recipes/cuda.toml: component \"cuda_nvcc\" has an unusable sha256") && Contains("empty"));
  bad = entry;
  bad.relative_path = "../cuda_nvcc.tar.xz";
  CHECK_THAT(error_text([&] { validate_entry(bad, "recipes/cuda.toml"); }), Contains("unusable relative_path"));
  bad = entry;
  bad.component = "";
  CHECK_THAT(error_text([&] { validate_entry(bad, "recipes/cuda.toml"); }), Contains("no component name"));
}
