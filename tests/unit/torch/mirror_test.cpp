#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>

#include "fetch/sha256.hpp"
#include "ops/plan_files.hpp"
#include "torch/dependency_wheels.hpp"
#include "torch/index_page.hpp"
#include "torch/mirror_layout.hpp"
#include "util/error.hpp"
#include "util/fs.hpp"
#include "wheel/simple_index.hpp"

using namespace userpkg;
namespace fs = std::filesystem;
using Catch::Matchers::Contains;

namespace {

bool has(const std::vector<std::string>& v, const std::string& s) { return std::find(v.begin(), v.end(), s) != v.end(); }

// The words after `option`, each time it appears.
std::vector<std::string> values_of(const std::vector<std::string>& argv, const std::string& option) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i + 1 < argv.size(); ++i)
    if (argv[i] == option) out.push_back(argv[i + 1]);
  return out;
}

WheelTarget target_311_glibc236() {
  return WheelTarget::from_versions(Version::parse("3.11.7"), Version::parse("2.36"), "x86_64");
}

TorchWheelPlan cu121_plan() {
  TorchWheelPlan plan;
  plan.variant.variant = "cu121";
  plan.main.project = "torch";
  plan.main.version = Version::parse("2.1.2");
  return plan;
}

}  // namespace

TEST_CASE("page_key: the variant and project of a page URL", "[torch][mirror]") {
  auto key = page_key("https://download.pytorch.org/whl/cu121/torch/");
  REQUIRE(key);
  CHECK(key->variant == "cu121");
  CHECK(key->project == "torch");
  key = page_key("http://127.0.0.1:8080/whl/cpu/torchvision?x=1#y");
  REQUIRE(key);
  CHECK(key->variant == "cpu");
  CHECK(key->project == "torchvision");
  key = page_key("file:///srv/whl/cu118/torch/");
  REQUIRE(key);
  CHECK(key->variant == "cu118");
  CHECK_FALSE(page_key("https://download.pytorch.org/torch/"));  // the host is not a segment
  CHECK_FALSE(page_key("https://download.pytorch.org/"));
  CHECK_FALSE(page_key("https://example.org/whl/../torch/"));
  CHECK_FALSE(page_key("https://example.org/whl/cu121/.."));
}

TEST_CASE("page_file_name and page_content_type follow the page's format", "[torch][mirror]") {
  CHECK(page_file_name("cu121", IndexFormat::html) == "cu121.index.html");
  CHECK(page_file_name("cu118", IndexFormat::json) == "cu118.index.json");
  CHECK(index_format(page_content_type(IndexFormat::json), "{}") == IndexFormat::json);
  CHECK(index_format(page_content_type(IndexFormat::html), "<html>") == IndexFormat::html);
}

TEST_CASE("fetch_index_page: a mirror answers for the index, offline too", "[torch][mirror]") {
  ScopedDir tmp(make_unique_dir(fs::temp_directory_path(), "userpkg-torch-mirror-test"));
  const std::string url = "http://127.0.0.1:1/whl/cu118/torch/";  // nothing listens on port 1
  const std::string json = R"({"meta": {"api-version": "1.1"}, "name": "torch", "files": [{"filename":
    "torch-2.1.2+cu118-cp311-cp311-linux_x86_64.whl", "url": "../torch-2.1.2%2Bcu118-cp311-cp311-linux_x86_64.whl",
    "hashes": {"sha256": ")" + std::string(64, 'a') + R"("}}]})";
  ensure_dir(tmp.path() / "torch");
  write_file_atomic(tmp.path() / "torch" / "cu118.index.json", json);
  FetchSettings settings;
  settings.offline = true;
  settings.mirrors = {(tmp.path() / "nothing-here").string(), tmp.path().string()};

  IndexPage page = fetch_index_page(url, settings);
  CHECK(page.url == url);  // relative URLs keep resolving against the index
  CHECK(page.content_type == "application/vnd.pypi.simple.v1+json");
  std::vector<IndexFile> files = parse_simple_index(page.body, page.content_type, page.url);
  REQUIRE(files.size() == 1);
  CHECK(files[0].url == "http://127.0.0.1:1/whl/cu118/torch-2.1.2%2Bcu118-cp311-cp311-linux_x86_64.whl");
  CHECK(files[0].sha256 == std::string(64, 'a'));

  SECTION("a page no mirror holds is refused offline, saying where it looked") {
    try {
      fetch_index_page("http://127.0.0.1:1/whl/cpu/torch/", settings);
      FAIL("no error");
    } catch (const Error& e) {
      CHECK_THAT(e.why(), Contains("no mirror holds the page") && Contains((tmp.path() / "torch/cpu.index.html").string()));
      CHECK_THAT(e.hint(), Contains("userpkg mirror create"));
    }
  }
  SECTION("without mirrors, offline says so") {
    settings.mirrors.clear();
    CHECK_THROWS_WITH(fetch_index_page(url, settings), Contains("cannot read the index page"));
  }
}

TEST_CASE("pip_target_args: the target python and every platform tag its glibc accepts", "[torch][mirror]") {
  std::vector<std::string> args = pip_target_args(target_311_glibc236());
  CHECK(values_of(args, "--python-version") == std::vector<std::string>{"3.11"});
  CHECK(values_of(args, "--implementation") == std::vector<std::string>{"cp"});
  CHECK(values_of(args, "--abi") == std::vector<std::string>{"cp311"});
  std::vector<std::string> platforms = values_of(args, "--platform");
  CHECK(platforms.front() == "manylinux_2_36_x86_64");
  CHECK(has(platforms, "manylinux_2_28_x86_64"));
  CHECK(has(platforms, "manylinux_2_17_x86_64"));
  CHECK(has(platforms, "manylinux2014_x86_64"));
  CHECK(platforms.back() == "linux_x86_64");
  CHECK_FALSE(has(platforms, "manylinux_2_37_x86_64"));
  CHECK_FALSE(has(platforms, "manylinux_2_16_x86_64"));
}

TEST_CASE("torch_dependency_sources: offline only wheelhouses and mirrors, online the index", "[torch][mirror]") {
  StackSettings stack;
  stack.torch_index = "https://download.pytorch.org/whl/";
  CHECK(torch_dependency_sources(stack, false, {"/m/pytorch-wheels"}, "cu121") ==
        std::vector<std::string>{"--index-url", "https://download.pytorch.org/whl/cu121"});
  CHECK(torch_dependency_sources(stack, true, {"/m/pytorch-wheels"}, "cu121") ==
        std::vector<std::string>{"--no-index", "--find-links", "/m/pytorch-wheels"});
  CHECK(torch_dependency_sources(stack, true, {}, "cu121") == std::vector<std::string>{"--no-index"});
  stack.wheelhouses = {"/wh"};
  CHECK(torch_dependency_sources(stack, true, {"/m/pytorch-wheels"}, "cu121") ==
        std::vector<std::string>{"--no-index", "--find-links", "/wh", "--find-links", "/m/pytorch-wheels"});
  CHECK(torch_dependency_sources(stack, false, {"/m/pytorch-wheels"}, "cu121") ==
        std::vector<std::string>{"--no-index", "--find-links", "/wh"});
  stack.wheelhouses.clear();
  stack.index_url = "https://pypi.lab/simple";
  CHECK(torch_dependency_sources(stack, false, {}, "cu121") ==
        std::vector<std::string>{"--index-url", "https://pypi.lab/simple"});
}

TEST_CASE("pip_download_argv: binary wheels for the target into DEST, the planned wheels last", "[torch][mirror]") {
  std::vector<std::string> argv = pip_download_argv("/venv/bin/python3", target_311_glibc236(), {"--no-index"},
                                                    {"/cache/torch.whl"}, "/cache/.pip-download-x");
  CHECK(std::vector<std::string>(argv.begin(), argv.begin() + 4) ==
        std::vector<std::string>{"/venv/bin/python3", "-m", "pip", "download"});
  CHECK(has(argv, "--only-binary=:all:"));
  CHECK(values_of(argv, "--dest") == std::vector<std::string>{"/cache/.pip-download-x"});
  CHECK(values_of(argv, "--abi") == std::vector<std::string>{"cp311"});
  CHECK(has(argv, "--no-index"));
  CHECK(argv.back() == "/cache/torch.whl");
}

TEST_CASE("mirror_wheel_dirs: the local mirrors' pytorch-wheels folders that exist", "[torch][mirror]") {
  ScopedDir tmp(make_unique_dir(fs::temp_directory_path(), "userpkg-torch-mirror-test"));
  ensure_dir(tmp.path() / "a" / "pytorch-wheels");
  ensure_dir(tmp.path() / "b");
  FetchSettings fetch;
  fetch.mirrors = {(tmp.path() / "a").string(), (tmp.path() / "b").string(), "https://mirror.example/m",
                   "file://" + (tmp.path() / "a").string()};
  std::vector<std::string> dirs = mirror_wheel_dirs(fetch);
  REQUIRE(dirs.size() == 2);
  CHECK(fs::path(dirs[0]) == tmp.path() / "a" / "pytorch-wheels");
  CHECK(fs::path(dirs[1]) == tmp.path() / "a" / "pytorch-wheels");
}

TEST_CASE("torch_page_file and torch_dependency_files: what a pytorch plan adds to a mirror", "[torch][mirror][plan_files]") {
  IndexPage html{"https://download.pytorch.org/whl/cu121/torch/", "text/html; charset=utf-8", "<html></html>"};
  std::optional<PlannedFile> page = torch_page_file(html.url, html);
  REQUIRE(page);
  CHECK(page->recipe == "torch");
  CHECK(page->preferred().file_name == "cu121.index.html");
  CHECK(page->preferred().sha256 == sha256_hex(html.body));
  CHECK(page->purpose == "cu121 index page of torch");
  IndexPage json{"https://download.pytorch.org/whl/cu118/torch/", "application/vnd.pypi.simple.v1+json", "{}"};
  CHECK(torch_page_file(json.url, json)->preferred().file_name == "cu118.index.json");
  CHECK_FALSE(torch_page_file("https://x/", html));

  std::vector<PlannedFile> deps =
      torch_dependency_files(cu121_plan(), {SourceFile{"file:///c/f.whl", "filelock-3.13.1-py3-none-any.whl",
                                                       std::string(64, 'c')}});
  REQUIRE(deps.size() == 1);
  CHECK(deps[0].recipe == "pytorch-wheels");
  CHECK(deps[0].preferred().file_name == "filelock-3.13.1-py3-none-any.whl");
  CHECK(deps[0].purpose == "dependency of torch 2.1.2 (cu121)");
}
