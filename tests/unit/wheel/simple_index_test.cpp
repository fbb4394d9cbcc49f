#include <catch2/catch.hpp>

#include "util/error.hpp"
#include "wheel/simple_index.hpp"

using namespace userpkg;

namespace {
const std::string sha_a(64, 'a');
const std::string sha_b = "0123456789ABCDEF0123456789abcdef0123456789abcdef0123456789ABCDEF";
const std::string page = "https://download.pytorch.org/whl/cu121/torch/";
}  // namespace

TEST_CASE("PEP 503 HTML as PyTorch's index writes it", "[wheel]") {
  std::string html =
      "<!DOCTYPE html>\n<html>\n  <body>\n    <h1>Links for torch</h1>\n"
      "    <a href=\"/whl/cu121/torch-2.1.0%2Bcu121-cp310-cp310-linux_x86_64.whl#sha256=" + sha_a +
      "\" data-dist-info-metadata=\"sha256=" + sha_b + "\" data-core-metadata=\"sha256=" + sha_b +
      "\">torch-2.1.0+cu121-cp310-cp310-linux_x86_64.whl</a><br/>\n"
      "    <A HREF='../../torch-2.1.1%2Bcu121-cp311-cp311-linux_x86_64.whl#sha256=" + sha_b +
      "' Data-Requires-Python=\"&gt;=3.8.0\">torch-2.1.1+cu121-cp311-cp311-linux_x86_64.whl</A><br/>\n"
      "    <!-- <a href=\"commented-out-1.0-py3-none-any.whl\">x</a> -->\n"
      "    <a href=\"https://mirror.example/torch-2.2.0-cp312-cp312-manylinux_2_28_x86_64.whl\" "
      "data-yanked=\"broken &amp; withdrawn\">torch-2.2.0-cp312-cp312-manylinux_2_28_x86_64.whl</a>\n"
      "    <a href=torch-2.0.0.tar.gz#md5=0123 data-dist-info-metadata=true>torch-2.0.0.tar.gz</a>\n"
      "    <a name=\"no-href\">nothing</a>\n"
      "  </body>\n</html>\n";
  auto files = parse_simple_html(html, page);
  REQUIRE(files.size() == 4);

  CHECK(files[0].file_name == "torch-2.1.0+cu121-cp310-cp310-linux_x86_64.whl");
  CHECK(files[0].url == "https://download.pytorch.org/whl/cu121/torch-2.1.0%2Bcu121-cp310-cp310-linux_x86_64.whl");
  CHECK(files[0].sha256 == sha_a);
  CHECK(files[0].has_metadata);
  CHECK(files[0].metadata_sha256 == "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");
  CHECK_FALSE(files[0].yanked);

  CHECK(files[1].file_name == "torch-2.1.1+cu121-cp311-cp311-linux_x86_64.whl");
  CHECK(files[1].url == "https://download.pytorch.org/whl/torch-2.1.1%2Bcu121-cp311-cp311-linux_x86_64.whl");
  CHECK(files[1].sha256 == "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");
  CHECK(files[1].requires_python == ">=3.8.0");
  CHECK_FALSE(files[1].has_metadata);

  CHECK(files[2].url == "https://mirror.example/torch-2.2.0-cp312-cp312-manylinux_2_28_x86_64.whl");
  CHECK(files[2].sha256.empty());  // published without a hash: unverified
  CHECK(files[2].yanked);
  CHECK(files[2].yanked_reason == "broken & withdrawn");

  CHECK(files[3].file_name == "torch-2.0.0.tar.gz");  // kept: the selector skips what is not a wheel
  CHECK(files[3].sha256.empty());                     // an md5 is no sha256
  CHECK(files[3].has_metadata);
  CHECK(files[3].metadata_sha256.empty());
}

TEST_CASE("HTML: a malformed sha256, entities in hrefs, <base href>", "[wheel]") {
  std::string html =
      "<base href=\"http://127.0.0.1:8080/files/\">"
      "<a href=\"t-1.0-py3-none-any.whl#sha256=abc\">t</a>"
      "<a href=\"t-1.0%2Blocal-py3-none-any.whl#sha256=" + sha_a + "&amp;x=1\">t</a>"
      "<a href=\"t-2.0&#43;cpu-py3-none-any.whl?x=1&amp;y=2#SHA256=" + sha_a + "\">t</a>";
  auto files = parse_simple_html(html, "http://127.0.0.1:8080/simple/t/");
  REQUIRE(files.size() == 3);
  CHECK(files[0].url == "http://127.0.0.1:8080/files/t-1.0-py3-none-any.whl");
  CHECK(files[0].sha256.empty());
  CHECK(files[1].file_name == "t-1.0+local-py3-none-any.whl");
  CHECK(files[1].sha256.empty());  // "sha256=<hex>&x=1" is not a sha256
  CHECK(files[2].file_name == "t-2.0+cpu-py3-none-any.whl");
  CHECK(files[2].url == "http://127.0.0.1:8080/files/t-2.0+cpu-py3-none-any.whl?x=1&y=2");
  CHECK(files[2].sha256 == sha_a);
}

TEST_CASE("HTML: pages with no anchors, and truncated pages, give what is there", "[wheel]") {
  CHECK(parse_simple_html("", page).empty());
  CHECK(parse_simple_html("<html><body>nothing</body></html>", page).empty());
  auto files = parse_simple_html("<a href=\"t-1.0-py3-none-any.whl\">t-1.0-py3-none-any.wh", page);
  REQUIRE(files.size() == 1);
  CHECK(files[0].file_name == "t-1.0-py3-none-any.whl");
  CHECK(parse_simple_html("<a href=\"t-1.0-py3", page).size() == 1);
  CHECK(parse_simple_html("<a", page).empty());
  CHECK(parse_simple_html("<abbr href=\"x.whl\">x</abbr>", page).empty());
}

TEST_CASE("PEP 691 JSON", "[wheel]") {
  std::string json = R"({
    "meta": {"api-version": "1.1"},
    "name": "torch",
    "files": [
      {"filename": "torch-2.1.0+cu121-cp310-cp310-linux_x86_64.whl",
       "url": "../../torch-2.1.0%2Bcu121-cp310-cp310-linux_x86_64.whl",
       "hashes": {"sha256": ")" + sha_b + R"("}, "requires-python": ">=3.8.0",
       "core-metadata": {"sha256": ")" + sha_a + R"("}},
      {"filename": "torch-2.1.1-cp311-cp311-linux_x86_64.whl",
       "url": "https://mirror.example/torch-2.1.1-cp311-cp311-linux_x86_64.whl",
       "hashes": {}, "yanked": "bad build", "dist-info-metadata": true},
      {"filename": "torch-2.1.2-cp311-cp311-linux_x86_64.whl",
       "url": "/t/torch-2.1.2-cp311-cp311-linux_x86_64.whl#sha256=)" + sha_a + R"(",
       "hashes": {"md5": "00"}, "yanked": false}
    ]})";
  auto files = parse_simple_json(json, page);
  REQUIRE(files.size() == 3);
  CHECK(files[0].file_name == "torch-2.1.0+cu121-cp310-cp310-linux_x86_64.whl");
  CHECK(files[0].url == "https://download.pytorch.org/whl/torch-2.1.0%2Bcu121-cp310-cp310-linux_x86_64.whl");
  CHECK(files[0].sha256 == "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");
  CHECK(files[0].requires_python == ">=3.8.0");
  CHECK(files[0].has_metadata);
  CHECK(files[0].metadata_sha256 == sha_a);
  CHECK(files[1].sha256.empty());
  CHECK(files[1].yanked);
  CHECK(files[1].yanked_reason == "bad build");
  CHECK(files[1].has_metadata);
  CHECK(files[2].url == "https://download.pytorch.org/t/torch-2.1.2-cp311-cp311-linux_x86_64.whl");
  CHECK(files[2].sha256 == sha_a);  // from the URL's fragment when "hashes" has none
  CHECK_FALSE(files[2].yanked);
}

TEST_CASE("PEP 691 JSON that cannot be read is an Error", "[wheel]") {
  for (const char* bad : {"", "[]", "{\"files\": 3}", "{\"name\": \"torch\"}", "{\"files\": [1]}",
                          "{\"files\": [{\"filename\": \"x.whl\"}]}", "{\"files\": [", 
                          "{\"meta\": {\"api-version\": \"2.0\"}, \"files\": []}"}) {
    INFO(bad);
    CHECK_THROWS_AS(parse_simple_json(bad, page), Error);
  }
  try {
    parse_simple_json(R"({"meta": {"api-version": "2.0"}, "files": []})", page);
  } catch (const Error& e) {
    CHECK(std::string(e.what()) == "cannot read the package index page " + page);
    CHECK(e.why() == "its api-version is 2.0; userpkg reads version 1.x (PEP 691)");
  }
  CHECK(parse_simple_json(R"({"meta": {"api-version": "1.0"}, "files": []})", page).empty());
}

TEST_CASE("PEP 691 JSON: a number for api-version, and deep nesting, are Errors", "[wheel]") {
  // A number made nlohmann throw type_error.302, an internal error.
  try {
    parse_simple_json(R"({"meta": {"api-version": 1.1}, "files": []})", page);
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(e.why() == "its meta.api-version is a JSON number, not a string such as \"1.0\" (PEP 691)");
  }
  const std::string deep = "{\"files\": [{\"x\": " + std::string(100000, '[') + std::string(100000, ']') + "}]}";
  try {
    parse_simple_json(deep, page);
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(e.why() == "line 1: it nests deeper than 64 levels");
  }
}

TEST_CASE("the Content-Type picks the parser", "[wheel]") {
  CHECK(index_format("application/vnd.pypi.simple.v1+json", "") == IndexFormat::json);
  CHECK(index_format("Application/VND.PyPI.Simple.V1+JSON; charset=utf-8", "") == IndexFormat::json);
  CHECK(index_format("application/vnd.pypi.simple.latest+json", "") == IndexFormat::json);
  CHECK(index_format("text/html; charset=utf-8", "{") == IndexFormat::html);
  CHECK(index_format("application/vnd.pypi.simple.v1+html", "") == IndexFormat::html);
  CHECK(index_format("", "  {\"files\": []}") == IndexFormat::json);
  CHECK(index_format("", "<html>") == IndexFormat::html);
  CHECK_THROWS_AS(index_format("application/vnd.pypi.simple.v2+json", "{}"), Error);
  CHECK_THROWS_AS(index_format("application/octet-stream", ""), Error);

  std::string json = R"({"meta": {"api-version": "1.0"}, "files": [{"filename": "t-1-py3-none-any.whl", "url": "t-1-py3-none-any.whl"}]})";
  auto from_json = parse_simple_index(json, "application/vnd.pypi.simple.v1+json", page);
  REQUIRE(from_json.size() == 1);
  CHECK(from_json[0].url == page + "t-1-py3-none-any.whl");
  auto from_html = parse_simple_index("<a href=\"t-1-py3-none-any.whl\">t</a>", "text/html", page);
  REQUIRE(from_html.size() == 1);
  CHECK(from_html[0].file_name == "t-1-py3-none-any.whl");
}
