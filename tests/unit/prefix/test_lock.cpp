#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <thread>

#include "prefix/lock.hpp"
#include "prefix_fixture.hpp"
#include "util/fs.hpp"

using namespace userpkg;

TEST_CASE("lock holder details are parsed", "[prefix]") {
  LockHolder h = parse_lock_holder("1234\nuserpkg install git\n");
  CHECK(h.pid == 1234);
  CHECK(h.command == "userpkg install git");
  CHECK(parse_lock_holder("").pid == 0);
  CHECK(parse_lock_holder("x\ny").pid == 0);
}

TEST_CASE("lock: uncontended, it is taken at once and describes its holder", "[prefix]") {
  test::TempPrefix p;
  bool waited = false;
  {
    PrefixLock lock(p.layout, "userpkg list", [&](const LockHolder&) { waited = true; });
    CHECK(read_file(p.layout.lock_file()) == std::to_string(getpid()) + "\nuserpkg list\n");
  }
  CHECK_FALSE(waited);
  CHECK(read_file(p.layout.lock_file()).empty());  // released: no stale details
}

TEST_CASE("lock: a second userpkg waits, told who holds the lock", "[prefix]") {
  test::TempPrefix p;
  int ready[2];
  REQUIRE(pipe(ready) == 0);
  pid_t child = fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    close(ready[0]);
    {
      PrefixLock lock(p.layout, "userpkg install git");
      (void)!write(ready[1], "x", 1);
      std::this_thread::sleep_for(std::chrono::milliseconds(400));
    }
    _exit(0);
  }
  close(ready[1]);
  char byte;
  REQUIRE(read(ready[0], &byte, 1) == 1);  // the child holds the lock now
  close(ready[0]);

  int calls = 0;
  LockHolder seen;
  auto start = std::chrono::steady_clock::now();
  {
    PrefixLock lock(p.layout, "userpkg install python", [&](const LockHolder& h) {
      ++calls;
      seen = h;
    });
    auto waited = std::chrono::steady_clock::now() - start;
    CHECK(waited > std::chrono::milliseconds(150));
    CHECK(read_file(p.layout.lock_file()) == std::to_string(getpid()) + "\nuserpkg install python\n");
  }
  int status = 0;
  waitpid(child, &status, 0);
  CHECK(calls == 1);
  CHECK(seen.pid == child);
  CHECK(seen.command == "userpkg install git");
}
