#include <catch2/catch.hpp>

#include <map>

#include "torch/dependency_hashes.hpp"
#include "util/error.hpp"

using namespace userpkg;

TEST_CASE("dependency hashes: which dependency wheels the index publishes no sha256 for", "[torch]") {
  const std::string sha(64, 'c');
  std::map<std::string, std::string> pages{
      {"https://i.example/cu121/filelock/",
       "<a href=\"filelock-3.13.1-py3-none-any.whl\">f</a>\n<a href=\"filelock-3.12.0-py3-none-any.whl#sha256=" + sha +
           "\">f</a>"},
      {"https://i.example/cu121/sympy/", "<a href=\"sympy-1.12-py3-none-any.whl#sha256=" + sha + "\">s</a>"},
  };
  IndexPageSource source = [&](const std::string& url) {
    auto it = pages.find(url);
    if (it == pages.end()) throw Error("the index has no page " + url);
    return IndexPage{url, "text/html", it->second};
  };
  HashCheck check = check_dependency_hashes({{"filelock", "3.13.1", "filelock-3.13.1-py3-none-any.whl"},
                                             {"filelock", "3.12.0", "filelock-3.12.0-py3-none-any.whl"},
                                             {"sympy", "1.12", ""},
                                             {"Jinja2", "3.1.2", ""}},
                                            "https://i.example/cu121", source);
  CHECK(check.unverified == std::vector<std::string>{"filelock-3.13.1-py3-none-any.whl"});
  REQUIRE(check.unchecked.size() == 1);
  CHECK_THAT(check.unchecked[0], Catch::StartsWith("Jinja2 3.1.2: the index has no page https://i.example/cu121/jinja2/"));

  auto installed = pip_installed("Looking in links: x\nSuccessfully installed filelock-3.13.1 torch-2.1.2+cpu\n");
  REQUIRE(installed.size() == 2);
  CHECK(installed[0].project == "filelock");
  CHECK(installed[0].version == "3.13.1");
  CHECK(installed[1].version == "2.1.2+cpu");

  StackSettings stack;
  stack.torch_index = "https://download.pytorch.org/whl/";
  CHECK(dependency_index(stack, false, "cu121") == "https://download.pytorch.org/whl/cu121");
  CHECK_FALSE(dependency_index(stack, true, "cu121"));
  stack.index_url = "https://pypi.example/simple/";
  CHECK(dependency_index(stack, false, "cu121") == "https://pypi.example/simple");
  stack.wheelhouses = {"/w"};
  CHECK_FALSE(dependency_index(stack, false, "cu121"));
}
