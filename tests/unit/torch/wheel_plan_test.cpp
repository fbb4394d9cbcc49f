#include <catch2/catch.hpp>

#include <map>

#include "torch/wheel_plan.hpp"
#include "util/error.hpp"

using namespace userpkg;

namespace {

const std::string sha(64, 'a');
const std::string index_root = "https://download.example/whl";

// An HTML page in PyTorch's format: relative hrefs with %2B, #sha256= fragments, metadata attribute.
std::string html_page(const std::string& project, const std::vector<std::string>& files, bool hashed = true) {
  std::string page = "<!DOCTYPE html>\n<html>\n  <body>\n    <h1>Links for " + project + "</h1>\n";
  for (const std::string& f : files) {
    std::string href = f;
    if (auto plus = href.find('+'); plus != std::string::npos) href.replace(plus, 1, "%2B");
    page += "    <a href=\"/whl/" + href + (hashed ? "#sha256=" + sha : "") +
            "\" data-dist-info-metadata=\"sha256=" + std::string(64, 'b') + "\">" + f + "</a><br/>\n";
  }
  return page + "  </body>\n</html>\n";
}

std::vector<std::string> wheels(const std::string& project, const std::string& version, const std::string& variant,
                                int lo, int hi, const std::string& platform) {
  std::vector<std::string> out;
  for (int py = lo; py <= hi; ++py) {
    std::string tag = "cp3" + std::to_string(py);
    out.push_back(project + "-" + version + "+" + variant + "-" + tag + "-" + tag + "-" + platform + ".whl");
  }
  return out;
}

struct Pages {
  std::map<std::string, IndexPage> by_url;
  std::vector<std::string> asked;
  void add(const std::string& variant, const std::string& project, std::vector<std::string> files, bool hashed = true) {
    std::string url = variant_page_url(index_root, variant, project);
    by_url[url] = IndexPage{url, "text/html", html_page(project, files, hashed)};
  }
  IndexPageSource source() {
    return [this](const std::string& url) {
      asked.push_back(url);
      auto it = by_url.find(url);
      if (it == by_url.end()) throw Error("the index has no page " + url);
      return it->second;
    };
  }
};

TorchFacts facts(const char* python, const char* glibc, const char* driver) {
  TorchFacts f;
  f.python.executable = "/opt/python/bin/python3";
  f.python.version = Version::parse(python);
  f.python.has_pip = true;
  f.glibc = GlibcVersion{Version::parse(glibc), "USERPKG_GLIBC"};
  f.arch = arch_from_machine("x86_64");
  f.driver = driver_from_override(driver);
  return f;
}

StackSettings stack(const char* cuda = "auto") {
  StackSettings s;
  s.torch_index = index_root + "/";
  s.cuda = cuda;
  return s;
}

// A small PyTorch index: torch 2.1.2 (cu118, cu121, cpu; cp38–cp311, linux_x86_64) and 2.6.0
// (cu126 manylinux_2_28, cpu manylinux_2_28 and linux), torchvision 0.16.2.
Pages pytorch_index() {
  Pages p;
  auto both = [](std::vector<std::string> a, const std::vector<std::string>& b) {
    a.insert(a.end(), b.begin(), b.end());
    return a;
  };
  for (const char* variant : {"cu118", "cu121"})
    p.add(variant, "torch", both(wheels("torch", "2.1.2", variant, 8, 11, "linux_x86_64"),
                                 wheels("torch", "2.1.1", variant, 8, 11, "linux_x86_64")));
  p.add("cpu", "torch", both(wheels("torch", "2.1.2", "cpu", 8, 11, "linux_x86_64"),
                             wheels("torch", "2.6.0", "cpu", 9, 13, "manylinux_2_28_x86_64")));
  p.add("cu126", "torch", wheels("torch", "2.6.0", "cu126", 9, 13, "manylinux_2_28_x86_64"));
  p.add("cu121", "torchvision", wheels("torchvision", "0.16.2", "cu121", 8, 11, "linux_x86_64"));
  return p;
}

std::string failure(const char* project, const char* version, const StackSettings& s, const TorchFacts& f,
                    Pages& pages) {
  try {
    return "chose " + plan_torch_wheel(project, Version::parse(version), s, f, pages.source()).main.wheel.file.file_name;
  } catch (const Error& e) {
    return std::string(e.what()) + " | " + e.why() + " | " + e.hint();
  }
}

}  // namespace

TEST_CASE("wheel plan: variant from the driver, wheel from the python's tags", "[torch]") {
  Pages pages = pytorch_index();
  auto plan = plan_torch_wheel("torch", Version::parse("2.1.2"), stack(), facts("3.10.14", "2.36", "12.2"),
                               pages.source());
  CHECK(plan.variant.variant == "cu121");
  CHECK(plan.main.wheel.file.file_name == "torch-2.1.2+cu121-cp310-cp310-linux_x86_64.whl");
  CHECK(plan.main.wheel.file.url == "https://download.example/whl/torch-2.1.2%2Bcu121-cp310-cp310-linux_x86_64.whl");
  CHECK(plan.main.wheel.file.sha256 == sha);
  CHECK(pages.asked == std::vector<std::string>{"https://download.example/whl/cu121/torch/"});
  CHECK(plan.extras.empty());

  auto older = plan_torch_wheel("torch", Version::parse("2.1.2"), stack(), facts("3.8.18", "2.17", "11.8"),
                                pages.source());
  CHECK(older.main.wheel.file.file_name == "torch-2.1.2+cu118-cp38-cp38-linux_x86_64.whl");
  auto cpu = plan_torch_wheel("torch", Version::parse("2.1.2"), stack(), facts("3.11.2", "2.36", "none"),
                              pages.source());
  CHECK(cpu.main.wheel.file.file_name == "torch-2.1.2+cpu-cp311-cp311-linux_x86_64.whl");
  // The exact release: 2.1.1 is on the page too.
  auto exact = plan_torch_wheel("torch", Version::parse("2.1.1"), stack(), facts("3.10.14", "2.36", "12.2"),
                                pages.source());
  CHECK(exact.main.wheel.file.file_name == "torch-2.1.1+cu121-cp310-cp310-linux_x86_64.whl");
}

TEST_CASE("wheel plan: glibc 2.17 gets an explanation for torch 2.6's CUDA wheels", "[torch]") {
  Pages pages = pytorch_index();
  std::string why = failure("torch", "2.6.0", stack(), facts("3.10.14", "2.17", "12.6"), pages);
  CHECK_THAT(why, Catch::StartsWith("no torch 2.6.0 wheel for Python 3.10 on glibc 2.17 (cu126 build, "
                                    "https://download.example/whl/cu126/torch/)"));
  CHECK_THAT(why, Catch::Contains("needs glibc 2.28; this system has 2.17"));
  // On glibc 2.28 it fits.
  auto plan = plan_torch_wheel("torch", Version::parse("2.6.0"), stack(), facts("3.10.14", "2.28", "12.6"),
                               pages.source());
  CHECK(plan.main.wheel.file.file_name == "torch-2.6.0+cu126-cp310-cp310-manylinux_2_28_x86_64.whl");
}

TEST_CASE("wheel plan: a python with no wheel gets the list of what exists", "[torch]") {
  Pages pages = pytorch_index();
  std::string why = failure("torch", "2.1.2", stack(), facts("3.12.1", "2.36", "12.2"), pages);
  CHECK_THAT(why, Catch::StartsWith("no torch 2.1.2 wheel for Python 3.12"));
  CHECK_THAT(why, Catch::Contains("cp38–cp311"));
  std::string old_python = failure("torch", "2.1.2", stack(), facts("3.6.15", "2.36", "none"), pages);
  CHECK_THAT(old_python, Catch::Contains("cp38–cp311"));
}

TEST_CASE("wheel plan: refusals come before any page is read", "[torch]") {
  Pages pages = pytorch_index();
  CHECK_THAT(failure("torch", "2.1.2", stack("cu124"), facts("3.10.14", "2.36", "12.4"), pages),
             Catch::StartsWith("torch 2.1.2 has no cu124 build"));
  CHECK_THAT(failure("torch", "2.1.2", stack("cu121"), facts("3.10.14", "2.36", "11.8"), pages),
             Catch::StartsWith("the cu121 build of torch 2.1.2 cannot use this machine's GPU"));
  CHECK_THAT(failure("torchvision", "0.99.0", stack(), facts("3.10.14", "2.36", "12.2"), pages),
             Catch::Contains("which torch release torchvision 0.99.0 belongs to"));
  CHECK(pages.asked.empty());
  TorchFacts riscv = facts("3.10.14", "2.36", "none");
  riscv.arch = arch_from_machine("riscv64");
  CHECK_THAT(failure("torch", "2.1.2", stack(), riscv, pages), Catch::StartsWith("no PyTorch wheels for this CPU"));
}

TEST_CASE("wheel plan: a wheel without a sha256 is refused unless allowed", "[torch]") {
  Pages pages;
  pages.add("cpu", "torch", wheels("torch", "2.1.2", "cpu", 10, 10, "linux_x86_64"), false);
  CHECK_THAT(failure("torch", "2.1.2", stack(), facts("3.10.14", "2.36", "none"), pages),
             Catch::Contains("sha256"));
  StackSettings allow = stack();
  allow.allow_unverified = true;
  auto plan = plan_torch_wheel("torch", Version::parse("2.1.2"), allow, facts("3.10.14", "2.36", "none"),
                               pages.source());
  CHECK_FALSE(plan.main.wheel.verified());
}

TEST_CASE("wheel plan: torchvision brings the matching torch from the same variant", "[torch]") {
  Pages pages = pytorch_index();
  auto plan = plan_torch_wheel("torchvision", Version::parse("0.16.2"), stack(), facts("3.11.4", "2.36", "12.2"),
                               pages.source());
  CHECK(plan.torch == Version::parse("2.1.2"));
  CHECK(plan.main.wheel.file.file_name == "torchvision-0.16.2+cu121-cp311-cp311-linux_x86_64.whl");
  REQUIRE(plan.extras.size() == 1);
  CHECK(plan.extras[0].wheel.file.file_name == "torch-2.1.2+cu121-cp311-cp311-linux_x86_64.whl");
}

TEST_CASE("wheel plan: a PEP 691 JSON page is read by its Content-Type", "[torch]") {
  Pages pages;
  std::string url = variant_page_url(index_root, "cpu", "torch");
  std::string json = R"({"meta": {"api-version": "1.1"}, "name": "torch", "files": [
    {"filename": "torch-2.1.2+cpu-cp310-cp310-linux_x86_64.whl",
     "url": "../../torch-2.1.2%2Bcpu-cp310-cp310-linux_x86_64.whl", "hashes": {"sha256": ")" + sha + R"("}}]})";
  pages.by_url[url] = IndexPage{url, "application/vnd.pypi.simple.v1+json", json};
  auto plan = plan_torch_wheel("torch", Version::parse("2.1.2"), stack(), facts("3.10.14", "2.36", "none"),
                               pages.source());
  CHECK(plan.main.wheel.file.url == "https://download.example/whl/torch-2.1.2%2Bcpu-cp310-cp310-linux_x86_64.whl");
}

TEST_CASE("wheel plan: page urls and the description", "[torch]") {
  CHECK(variant_page_url("https://download.pytorch.org/whl", "cu121", "torch") ==
        "https://download.pytorch.org/whl/cu121/torch/");
  CHECK(variant_page_url("http://127.0.0.1:8080/whl//", "cpu", "torchaudio") == "http://127.0.0.1:8080/whl/cpu/torchaudio/");
  Pages pages = pytorch_index();
  TorchFacts f = facts("3.10.14", "2.17", "12.2");
  auto plan = plan_torch_wheel("torch", Version::parse("2.1.2"), stack(), f, pages.source());
  std::vector<std::string> lines = describe_plan(plan, f);
  REQUIRE(lines.size() >= 5);
  CHECK_THAT(lines[0], Catch::StartsWith("variant:   cu121 (the newest CUDA build of torch 2.1"));
  CHECK(lines[1] == "python:    /opt/python/bin/python3 (3.10.14, tag cp310)");
  CHECK_THAT(lines[2], Catch::Contains("glibc 2.17 (USERPKG_GLIBC)"));
  CHECK_THAT(lines[2], Catch::Contains("N <= 17"));
  CHECK(lines[4] == "wheel:     torch-2.1.2+cu121-cp310-cp310-linux_x86_64.whl");
}

TEST_CASE("wheel plan: names with path parts and non-http(s) links are skipped, never chosen", "[torch]") {
  Pages pages;
  std::string url = variant_page_url(index_root, "cpu", "torch");
  const std::string hash = "#sha256=" + sha;
  // Each hostile anchor would rank above the valid linux_x86_64 wheel by its tags.
  std::string html = "<html><body>\n"
                     "<a href=\"/whl/torch-2.1.2%2Bcpu%2F..%2Fx-cp310-cp310-manylinux_2_17_x86_64.whl" + hash + "\">a</a>\n"
                     "<a href=\"javascript:alert(1)//torch-2.1.2%2Bcpu-cp310-cp310-manylinux_2_28_x86_64.whl" + hash + "\">b</a>\n"
                     "<a href=\"file:///etc/torch-2.1.2%2Bcpu-cp310-cp310-manylinux_2_30_x86_64.whl" + hash + "\">c</a>\n"
                     "<a href=\"/whl/torch-2.1.2%2Bcpu-cp310-cp310-manylinux_2_31_x86_64.whl%00.whl" + hash + "\">d</a>\n"
                     "<a href=\"/whl/torch-2.1.2%2Bcpu-cp310-cp310-linux_x86_64.whl" + hash + "\">ok</a>\n"
                     "</body></html>\n";
  pages.by_url[url] = IndexPage{url, "text/html", html};
  auto plan = plan_torch_wheel("torch", Version::parse("2.1.2"), stack("cpu"), facts("3.10.14", "2.36", "none"),
                               pages.source());
  CHECK(plan.main.wheel.file.file_name == "torch-2.1.2+cpu-cp310-cp310-linux_x86_64.whl");
  CHECK(plan.main.wheel.file.url == "https://download.example/whl/torch-2.1.2%2Bcpu-cp310-cp310-linux_x86_64.whl");
  REQUIRE(plan.main.skipped.size() == 4);
  CHECK(plan.main.skipped[0].shown_name == "torch-2.1.2+cpu/../x-cp310-cp310-manylinux_2_17_x86_64.whl");
  CHECK_THAT(plan.main.skipped[0].why, Catch::Contains("'/'"));
  CHECK_THAT(plan.main.skipped[1].why, Catch::Contains("javascript: URL, not http(s)"));
  CHECK_THAT(plan.main.skipped[2].why, Catch::Contains("file: URL, not http(s)"));
  CHECK_THAT(plan.main.skipped[3].why, Catch::Contains("NUL"));
  CHECK_THAT(plan.main.skipped[3].shown_name, Catch::Contains("\\x00"));

  // With only hostile anchors there is no wheel to choose: the error names none of them as a choice.
  pages.by_url[url].body = html.substr(0, html.find("<a href=\"/whl/torch-2.1.2%2Bcpu-cp310-cp310-linux"));
  CHECK_THROWS_WITH(plan_torch_wheel("torch", Version::parse("2.1.2"), stack("cpu"), facts("3.10.14", "2.36", "none"),
                                     pages.source()),
                    Catch::StartsWith("no torch"));
}

TEST_CASE("wheel plan: a malformed sha256 is called malformed, shown cut short, not 'none published'", "[torch]") {
  Pages pages;
  std::string url = variant_page_url(index_root, "cpu", "torch");
  const std::string bad(300, 'z');
  pages.by_url[url] = IndexPage{url, "text/html",
                                "<a href=\"/whl/torch-2.1.2%2Bcpu-cp310-cp310-linux_x86_64.whl#sha256=" + bad + "\">t</a>"};
  std::string message = failure("torch", "2.1.2", stack(), facts("3.10.14", "2.36", "none"), pages);
  CHECK_THAT(message, Catch::Contains("malformed"));
  CHECK_THAT(message, Catch::Contains("300 characters"));
  CHECK_THAT(message, !Catch::Contains(bad));
  CHECK_THAT(message, !Catch::Contains("publishes no sha256"));
  // The same in PEP 691 JSON.
  pages.by_url[url] = IndexPage{url, "application/vnd.pypi.simple.v1+json",
                                R"({"files": [{"filename": "torch-2.1.2+cpu-cp310-cp310-linux_x86_64.whl",
                                   "url": "t.whl", "hashes": {"sha256": "abc"}}]})"};
  CHECK_THAT(failure("torch", "2.1.2", stack(), facts("3.10.14", "2.36", "none"), pages),
             Catch::Contains("malformed") && Catch::Contains("\"abc\""));
  StackSettings allow = stack();
  allow.allow_unverified = true;
  auto plan = plan_torch_wheel("torch", Version::parse("2.1.2"), allow, facts("3.10.14", "2.36", "none"),
                               pages.source());
  CHECK_THAT(describe_plan(plan, facts("3.10.14", "2.36", "none")).back(), Catch::Contains("malformed"));
}
