#include <catch2/catch.hpp>

#include "util/error.hpp"
#include "util/home_dir.hpp"

using namespace userpkg;

namespace {

const char* kPasswd =
    "root:x:0:0:root:/root:/bin/bash\n"
    "# a comment:x:1000:1000::/nowhere:/bin/sh\n"
    "+nisuser:x:1000:1000::/nis:/bin/sh\n"
    "daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n"
    "\n"
    "me:x:1000:1000:Me Myself,,,:/home/me:/bin/bash\n"
    "again:x:1000:1000::/home/again:/bin/bash\n"
    "short:x:1001\n"
    "nohome:x:1002:1002:::/bin/sh\n"
    "relative:x:1003:1003::home/rel:/bin/sh\n"
    "crlf:x:1004:1004::/home/crlf\r\n"
    "big:x:4294967294:4294967294::/home/big:/bin/sh\n"
    "last:x:1005:1005::/home/last:/bin/sh";

}  // namespace

TEST_CASE("passwd_home: the home of the first entry with the uid", "[util][home]") {
  CHECK(passwd_home(kPasswd, 0) == "/root");
  CHECK(passwd_home(kPasswd, 1) == "/usr/sbin");
  CHECK(passwd_home(kPasswd, 1000) == "/home/me");  // not the comment, not the NIS line, not the second
  CHECK(passwd_home(kPasswd, 1004) == "/home/crlf");
  CHECK(passwd_home(kPasswd, 4294967294UL) == "/home/big");
  CHECK(passwd_home(kPasswd, 1005) == "/home/last");  // no newline at the end
}

TEST_CASE("passwd_home: nothing for a missing uid, a short line, an empty or relative home", "[util][home]") {
  CHECK_FALSE(passwd_home(kPasswd, 4242));
  CHECK_FALSE(passwd_home(kPasswd, 1001));
  CHECK_FALSE(passwd_home(kPasswd, 1002));
  CHECK_FALSE(passwd_home(kPasswd, 1003));
  CHECK_FALSE(passwd_home("", 0));
  CHECK_FALSE(passwd_home("x:x:00x:0::/home/x:/bin/sh\n", 0));
  CHECK_FALSE(passwd_home("x:x::0::/home/x:/bin/sh\n", 0));
}

TEST_CASE("find_home_dir: $HOME, else /etc/passwd, else an Error saying to export HOME", "[util][home]") {
  int reads = 0;
  auto passwd = [&]() -> std::optional<std::string> {
    ++reads;
    return std::string(kPasswd);
  };
  CHECK(find_home_dir(std::string("/home/elsewhere"), 1000, passwd) == "/home/elsewhere");
  CHECK(reads == 0);  // HOME set: /etc/passwd is not read
  CHECK(find_home_dir(std::nullopt, 1000, passwd) == "/home/me");
  CHECK(find_home_dir(std::string(""), 1000, passwd) == "/home/me");

  try {
    find_home_dir(std::nullopt, 4242, passwd);
    FAIL("expected an Error");
  } catch (const Error& e) {
    CHECK_THAT(e.why(), Catch::Contains("HOME is not set"));
    CHECK_THAT(e.why(), Catch::Contains("uid 4242"));
    CHECK_THAT(e.hint(), Catch::Contains("export HOME=/path/to/your/home"));
  }
  try {
    find_home_dir(std::nullopt, 1000, [] { return std::optional<std::string>(); });
    FAIL("expected an Error");
  } catch (const Error& e) {
    CHECK_THAT(e.why(), Catch::Contains("/etc/passwd cannot be read"));
  }
  try {
    find_home_dir(std::string("relative/home"), 1000, passwd);
    FAIL("expected an Error");
  } catch (const Error& e) {
    CHECK_THAT(e.why(), Catch::Contains("HOME=relative/home is not an absolute path"));
  }
}
