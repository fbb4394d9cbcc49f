#include <catch2/catch.hpp>

#include "wheel/html_text.hpp"
#include "wheel/url.hpp"

using namespace userpkg;

TEST_CASE("hrefs resolve against the page URL", "[wheel]") {
  const std::string page = "https://download.pytorch.org/whl/cu121/torch/";
  CHECK(resolve_url(page, "torch-2.1.0%2Bcu121-cp310-cp310-linux_x86_64.whl#sha256=ab") ==
        "https://download.pytorch.org/whl/cu121/torch/torch-2.1.0%2Bcu121-cp310-cp310-linux_x86_64.whl#sha256=ab");
  CHECK(resolve_url(page, "../../torch-2.1.0.whl") == "https://download.pytorch.org/whl/torch-2.1.0.whl");
  CHECK(resolve_url(page, "../../../../../x.whl") == "https://download.pytorch.org/x.whl");
  CHECK(resolve_url(page, "./a/./b/../c.whl") == "https://download.pytorch.org/whl/cu121/torch/a/c.whl");
  CHECK(resolve_url(page, "/whl/cu121/torch-2.1.0.whl") == "https://download.pytorch.org/whl/cu121/torch-2.1.0.whl");
  CHECK(resolve_url(page, "//mirror.example/t.whl") == "https://mirror.example/t.whl");
  CHECK(resolve_url(page, "http://127.0.0.1:8080/t.whl") == "http://127.0.0.1:8080/t.whl");
  CHECK(resolve_url("http://127.0.0.1:8080/whl/cpu/torch/index.html?x=1", "t.whl") ==
        "http://127.0.0.1:8080/whl/cpu/torch/t.whl");
  CHECK(resolve_url("http://127.0.0.1:8080", "t.whl") == "http://127.0.0.1:8080/t.whl");
  CHECK(resolve_url("file:///srv/index/torch/", "../t.whl") == "file:///srv/index/t.whl");
  CHECK(resolve_url("http://h/a/torch", "t.whl") == "http://h/a/t.whl");  // no trailing slash: sibling
}

TEST_CASE("percent-decoding and file names from URLs", "[wheel]") {
  CHECK(percent_decode("torch-2.1.0%2Bcu121") == "torch-2.1.0+cu121");
  CHECK(percent_decode("a%2bb%20c") == "a+b c");
  CHECK(percent_decode("100%") == "100%");
  CHECK(percent_decode("%zz%2") == "%zz%2");
  CHECK(url_file_name("https://h/whl/torch-2.1.0%2Bcu121-cp310-cp310-linux_x86_64.whl#sha256=00") ==
        "torch-2.1.0+cu121-cp310-cp310-linux_x86_64.whl");
  CHECK(url_fragment("https://h/t.whl#sha256=00") == "sha256=00");
  CHECK(url_without_fragment("https://h/t.whl#sha256=00") == "https://h/t.whl");
  CHECK(url_fragment("https://h/t.whl").empty());
}

TEST_CASE("HTML character references", "[wheel]") {
  CHECK(decode_html_entities("&gt;=3.8") == ">=3.8");
  CHECK(decode_html_entities("&lt;4,&gt;=3.8&amp;&quot;&apos;") == "<4,>=3.8&\"'");
  CHECK(decode_html_entities("torch-2.1.0&#43;cu121") == "torch-2.1.0+cu121");
  CHECK(decode_html_entities("torch-2.1.0&#x2B;cu121&#X2b;") == "torch-2.1.0+cu121+");
  CHECK(decode_html_entities("&#233;") == "\xC3\xA9");
  CHECK(decode_html_entities("&unknown; & &;") == "&unknown; & &;");
  CHECK(decode_html_entities("&#xZZ;") == "&#xZZ;");
}
