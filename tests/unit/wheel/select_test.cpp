#include <catch2/catch.hpp>

#include "wheel_target.hpp"
#include "generated_index.hpp"
#include "util/error.hpp"
#include "wheel/select.hpp"

using namespace userpkg;

namespace {

const std::string sha(64, 'e');

IndexFile file(const std::string& name, bool hashed = true) {
  IndexFile f;
  f.file_name = name;
  f.url = "https://download.pytorch.org/whl/cu121/" + name;
  if (hashed) f.sha256 = sha;
  return f;
}

// torch <version>+cu121 for cp<lo>..cp<hi> on platform.
void add(std::vector<IndexFile>& files, const std::string& version, int lo, int hi, const std::string& platform,
         const std::string& local = "+cu121") {
  for (int py = lo; py <= hi; ++py) {
    std::string tag = "cp3" + std::to_string(py);
    files.push_back(file("torch-" + version + local + "-" + tag + "-" + tag + "-" + platform + ".whl"));
  }
}

VersionConstraint c(const char* text) { return VersionConstraint::parse(text); }

// The Error select_wheel throws, as "what | why".
std::string failure(const std::vector<IndexFile>& files, const char* wanted, const WheelTarget& t) {
  try {
    auto choice = select_wheel(files, "torch", c(wanted), t);
    return "chose " + choice.file.file_name;
  } catch (const Error& e) {
    return std::string(e.what()) + " | " + e.why();
  }
}

}  // namespace

TEST_CASE("select: the newest matching version, local label ignored, for the target's Python", "[wheel]") {
  std::vector<IndexFile> files;
  for (auto v : {"2.1.0", "2.1.1", "2.1.2", "2.2.0"}) add(files, v, 8, 11, "linux_x86_64");
  files.push_back(file("torch-2.1.2+cu121.tar.gz"));
  files.push_back(file("torchvision-0.16.2+cu121-cp310-cp310-linux_x86_64.whl"));

  auto best = select_wheel(files, "torch", c("2.1"), test::wheel_target(10, 17));
  CHECK(best.file.file_name == "torch-2.1.2+cu121-cp310-cp310-linux_x86_64.whl");
  CHECK(best.verified());
  CHECK(select_wheel(files, "torch", c("2.1.0"), test::wheel_target(10, 17)).file.file_name ==
        "torch-2.1.0+cu121-cp310-cp310-linux_x86_64.whl");
  CHECK(select_wheel(files, "torch", c(""), test::wheel_target(8, 17)).file.file_name ==
        "torch-2.2.0+cu121-cp38-cp38-linux_x86_64.whl");
  CHECK(select_wheel(files, "Torch", c("2.0:2.1"), test::wheel_target(11, 17)).name.version_text == "2.1.2+cu121");
  CHECK(select_wheel(files, "torchvision", c(""), test::wheel_target(10, 17)).name.distribution == "torchvision");
  CHECK(compatible_wheels(files, "torch", c("2.1"), test::wheel_target(10, 17)).size() == 3);
}

TEST_CASE("select: within a version the best tags win", "[wheel]") {
  std::vector<IndexFile> files;
  files.push_back(file("torch-2.3.0-cp39-abi3-manylinux_2_17_x86_64.whl"));
  files.push_back(file("torch-2.3.0-cp310-cp310-linux_x86_64.whl"));
  files.push_back(file("torch-2.3.0-cp310-cp310-manylinux_2_17_x86_64.manylinux2014_x86_64.whl"));
  files.push_back(file("torch-2.3.0-cp310-cp310-manylinux_2_28_x86_64.whl"));
  files.push_back(file("torch-2.3.0-py3-none-any.whl"));
  CHECK(select_wheel(files, "torch", c("2.3"), test::wheel_target(10, 28)).file.file_name ==
        "torch-2.3.0-cp310-cp310-manylinux_2_28_x86_64.whl");
  CHECK(select_wheel(files, "torch", c("2.3"), test::wheel_target(10, 17)).file.file_name ==
        "torch-2.3.0-cp310-cp310-manylinux_2_17_x86_64.manylinux2014_x86_64.whl");
  CHECK(select_wheel(files, "torch", c("2.3"), test::wheel_target(12, 17)).file.file_name ==
        "torch-2.3.0-cp39-abi3-manylinux_2_17_x86_64.whl");
  CHECK(select_wheel(files, "torch", c("2.3"), test::wheel_target(12, 17, "aarch64")).file.file_name ==
        "torch-2.3.0-py3-none-any.whl");
  // A higher build tag wins among equal names.
  std::vector<IndexFile> builds{file("x-1.0-2-py3-none-any.whl"), file("x-1.0-10-py3-none-any.whl"),
                                file("x-1.0-py3-none-any.whl")};
  CHECK(select_wheel(builds, "x", c(""), test::wheel_target(10, 17)).name.build == "10");
}

TEST_CASE("select: yanked and pre-releases only when nothing else fits", "[wheel]") {
  std::vector<IndexFile> files;
  add(files, "2.5.1", 10, 10, "manylinux_2_28_x86_64", "");
  add(files, "2.5.0", 10, 10, "manylinux_2_28_x86_64", "");
  files[0].yanked = true;
  add(files, "2.6.0rc1", 10, 10, "manylinux_2_28_x86_64", "");
  add(files, "2.7.0.dev20250101", 10, 10, "manylinux_2_28_x86_64", "");
  CHECK(select_wheel(files, "torch", c(""), test::wheel_target(10, 28)).name.version_text == "2.5.0");
  CHECK(select_wheel(files, "torch", c("2.5.1"), test::wheel_target(10, 28)).file.yanked);
  CHECK(select_wheel(files, "torch", c("2.6"), test::wheel_target(10, 28)).name.version_text == "2.6.0rc1");
  CHECK(select_wheel(files, "torch", c("2.6:"), test::wheel_target(10, 28)).name.version_text == "2.7.0.dev20250101");
}

TEST_CASE("select: no wheel for the Python and glibc, the error lists what exists", "[wheel]") {
  std::vector<IndexFile> files;
  add(files, "2.5.1", 9, 12, "linux_x86_64");
  add(files, "2.6.0", 9, 13, "manylinux_2_28_x86_64");
  CHECK(failure(files, "2.6", test::wheel_target(6, 17)) ==
        "no torch 2.6 wheel for Python 3.6 on glibc 2.17 | "
        "torch 2.6.0 has cp39\u2013cp313 manylinux_2_28 (needs glibc 2.28; this system has 2.17)");
  try {
    select_wheel(files, "torch", c("2.6"), test::wheel_target(10, 17));
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(e.hint() == "this system's glibc 2.17 is older than those wheels need: ask for an older torch version, "
                      "or install on a newer system");
  }
  // Glibc is fine, the Python is not: no reason in parentheses, the hint points at --python.
  CHECK(failure(files, "2.6", test::wheel_target(6, 28)) ==
        "no torch 2.6 wheel for Python 3.6 on glibc 2.28 | torch 2.6.0 has cp39\u2013cp313 manylinux_2_28");
  CHECK(select_wheel(files, "torch", c("2.6"), test::wheel_target(13, 28)).file.file_name ==
        "torch-2.6.0+cu121-cp313-cp313-manylinux_2_28_x86_64.whl");

  // Several platforms, a free-threaded build, gaps, several versions; newest first.
  files.push_back(file("torch-2.6.0+cu121-cp313-cp313t-manylinux_2_28_x86_64.whl"));
  add(files, "2.6.0", 9, 10, "manylinux_2_28_aarch64");
  add(files, "2.6.0", 12, 13, "manylinux_2_28_aarch64");
  add(files, "2.6.1", 9, 9, "manylinux_2_28_x86_64");
  CHECK(failure(files, "2.6", test::wheel_target(6, 17)) ==
        "no torch 2.6 wheel for Python 3.6 on glibc 2.17 | "
        "torch 2.6.1 has cp39 manylinux_2_28 (needs glibc 2.28; this system has 2.17); "
        "torch 2.6.0 has cp39\u2013cp313, cp313t manylinux_2_28 (needs glibc 2.28; this system has 2.17), "
        "cp39\u2013cp310, cp312\u2013cp313 manylinux_2_28_aarch64 (for aarch64; this system is x86_64)");
  CHECK(failure(files, "", test::wheel_target(6, 17)).find("torch 2.5.1 has cp39\u2013cp312 linux_x86_64") != std::string::npos);
  add(files, "2.4.0", 9, 9, "linux_x86_64");
  CHECK(failure(files, "", test::wheel_target(6, 17)).find("linux_x86_64; and 1 older matching version") != std::string::npos);
}

TEST_CASE("select: no matching version, no wheels at all", "[wheel]") {
  std::vector<IndexFile> files;
  for (auto v : {"2.1.0", "2.1.1", "2.1.2"}) add(files, v, 10, 10, "linux_x86_64");
  CHECK(failure(files, "2.6", test::wheel_target(10, 17)) ==
        "no torch 2.6 wheel for Python 3.10 on glibc 2.17 | the index has torch 2.1.2, 2.1.1, 2.1.0; none matches 2.6");
  std::vector<IndexFile> sdists{file("torch-2.1.0.tar.gz"), file("torchvision-0.1-py3-none-any.whl")};
  CHECK(failure(sdists, "", test::wheel_target(10, 17, "aarch64")) ==
        "no torch wheel for Python 3.10 on glibc 2.17 (aarch64) | the index page lists no torch wheels");
}

TEST_CASE("select: a wheel without a sha256 is unverified and refused unless allowed", "[wheel]") {
  std::vector<IndexFile> files{file("torch-2.1.0+cu121-cp310-cp310-linux_x86_64.whl", /*hashed=*/false)};
  auto choice = select_wheel(files, "torch", c("2.1"), test::wheel_target(10, 17));
  CHECK_FALSE(choice.verified());
  CHECK_THROWS_WITH(require_verified(choice, false),
                    "refusing to install torch-2.1.0+cu121-cp310-cp310-linux_x86_64.whl: the index publishes no "
                    "sha256 for it");
  CHECK_NOTHROW(require_verified(choice, true));
  files[0].sha256 = sha;
  CHECK_NOTHROW(require_verified(select_wheel(files, "torch", c("2.1"), test::wheel_target(10, 17)), false));
}

TEST_CASE("select over a generated 2,000-entry page", "[wheel]") {
  auto files = parse_simple_html(test::generated_torch_page(2000), test::generated_page_url);
  REQUIRE(files.size() == 2000);
  CHECK(files[1].url == "https://download.pytorch.org/whl/cu121/torch-2.0.0%2Bcu121-cp310-cp310-linux_x86_64.whl");
  auto old_glibc = select_wheel(files, "torch", c(""), test::wheel_target(10, 17));
  CHECK(old_glibc.file.file_name == "torch-2.5.1+cu121-cp310-cp310-linux_x86_64.whl");
  CHECK(old_glibc.verified());
  CHECK(select_wheel(files, "torch", c(""), test::wheel_target(13, 28)).file.file_name ==
        "torch-2.99.1+cu121-cp313-cp313-manylinux_2_28_x86_64.whl");
  CHECK(select_wheel(files, "torch", c("2.50"), test::wheel_target(9, 28, "aarch64")).file.file_name ==
        "torch-2.50.1+cu121-cp39-cp39-manylinux_2_28_aarch64.whl");
  CHECK(failure(files, "2.7", test::wheel_target(8, 35)).find("torch 2.7.1 has cp39\u2013cp313 manylinux_2_28, ") != std::string::npos);
}
