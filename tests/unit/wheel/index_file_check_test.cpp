#include <catch2/catch.hpp>

#include "wheel/index_file_check.hpp"
#include "wheel/wheel_name.hpp"

using namespace userpkg;

namespace {

IndexFile file(std::string name, std::string url) {
  IndexFile f;
  f.file_name = std::move(name);
  f.url = std::move(url);
  return f;
}

const char* const page = "https://download.example/whl/cpu/torch/";
const char* const wheel = "torch-2.1.2+cpu-cp310-cp310-linux_x86_64.whl";

}  // namespace

TEST_CASE("index files: names that are paths, and links that are not http(s), are unusable", "[wheel]") {
  CHECK(unusable_index_file(file(wheel, "https://download.example/whl/x.whl"), page).empty());
  CHECK(unusable_index_file(file(wheel, "http://127.0.0.1:8080/x.whl"), page).empty());
  CHECK(unusable_index_file(file("torch-2.1.2.tar.gz", "https://download.example/t.tar.gz"), page).empty());
  CHECK_THAT(unusable_index_file(file("torch-2.1.2+cpu/../x-cp310-cp310-linux_x86_64.whl", "https://a/b"), page),
             Catch::Contains("'/'"));
  CHECK_THAT(unusable_index_file(file("..\\torch-2.1.2-cp310-cp310-linux_x86_64.whl", "https://a/b"), page),
             Catch::Contains("'\\'"));
  CHECK_THAT(unusable_index_file(file("..torch-2.1.2-cp310-cp310-linux_x86_64.whl", "https://a/b"), page),
             Catch::Contains("'..'"));
  CHECK_THAT(unusable_index_file(file(std::string("torch-2.1.2-cp310-cp310-linux_x86_64.whl") + '\0' + ".whl", "https://a/b"), page),
             Catch::Contains("NUL"));
  CHECK_THAT(unusable_index_file(file("torch-2.1.2-cp310-cp310-linux x86_64.whl", "https://a/b"), page),
             Catch::Contains("not a valid wheel file name"));
  CHECK_THAT(unusable_index_file(file(wheel, "javascript:alert(1)//x.whl"), page),
             Catch::Contains("a javascript: URL, not http(s)"));
  CHECK_THAT(unusable_index_file(file(wheel, "file:///etc/x.whl"), page), Catch::Contains("a file: URL"));
  CHECK_THAT(unusable_index_file(file(wheel, "ftp://a/x.whl"), page), Catch::Contains("a ftp: URL"));
  // A local index links its files relatively, as file:// URLs.
  CHECK(unusable_index_file(file(wheel, "file:///srv/whl/x.whl"), "file:///srv/whl/cpu/torch/").empty());
}

TEST_CASE("index files: dropping keeps the usable ones in order and says why for the others", "[wheel]") {
  std::vector<IndexFile> files{file("a-1-py3-none-any.whl", "https://a/a-1-py3-none-any.whl"),
                               file("b/../c-1-py3-none-any.whl", "https://a/x"),
                               file("c-1-py3-none-any.whl", "https://a/c-1-py3-none-any.whl")};
  auto skipped = drop_unusable_files(files, page);
  REQUIRE(files.size() == 2);
  CHECK(files[1].file_name == "c-1-py3-none-any.whl");
  REQUIRE(skipped.size() == 1);
  CHECK(skipped[0].shown_name == "b/../c-1-py3-none-any.whl");
  CHECK(printable_excerpt(std::string(300, 'x')).size() < 110);
  CHECK(printable_excerpt("a\nb") == "a\\x0ab");
}

TEST_CASE("wheel names: only PEP 427 characters, never a path", "[wheel]") {
  CHECK(try_parse_wheel_name("torch-2.1.2+cu121-cp310-cp310-linux_x86_64.whl"));
  CHECK(try_parse_wheel_name("x-1.0.post1-1abc-py3-none-any.whl"));
  CHECK_FALSE(try_parse_wheel_name("torch-2.1.2+cpu/../x-cp310-cp310-linux_x86_64.whl"));
  CHECK_FALSE(try_parse_wheel_name("torch-2.1.2+cpu..x-cp310-cp310-linux_x86_64.whl"));
  CHECK_FALSE(try_parse_wheel_name("torch-2.1.2-cp310-cp310-linux\\x86_64.whl"));
  CHECK_FALSE(try_parse_wheel_name(std::string("torch-2.1.2-cp310-cp310-linux_x86_64") + '\0' + ".whl"));
}
