// Builds tiny projects made at test time: a hand-written ./configure (no autoconf needed) and
// Makefiles that honour PREFIX and DESTDIR, installed into a temporary staging tree.
#include <catch2/catch.hpp>

#include "build/builder.hpp"
#include "build/post_install_test.hpp"
#include "fetch/sha256.hpp"
#include "util/fs.hpp"
#include "util/strings.hpp"

using namespace userpkg;

namespace {

// configure: records its arguments and writes config.mk with the prefix.
const char* const kConfigure =
    "#!/bin/sh\n"
    "prefix=/usr/local\n"
    ": > configure-args.txt\n"
    "for arg in \"$@\"; do\n"
    "  case \"$arg\" in\n"
    "    --prefix=*) prefix=\"${arg#--prefix=}\" ;;\n"
    "    *) echo \"$arg\" >> configure-args.txt ;;\n"
    "  esac\n"
    "done\n"
    "echo \"PREFIX = $prefix\" > config.mk\n"
    "echo configured\n";

const char* const kMakefile =
    "include config.mk\n"
    "all: hello\n"
    "hello: message.txt\n"
    "\tprintf '#!/bin/sh\\ncat %s/share/hello/message.txt\\n' '$(PREFIX)' > hello\n"
    "\tchmod +x hello\n"
    "install: hello\n"
    "\tmkdir -p $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/hello\n"
    "\tcp hello $(DESTDIR)$(PREFIX)/bin/hello\n"
    "\tcp message.txt $(DESTDIR)$(PREFIX)/share/hello/message.txt\n"
    "\techo '$(LDFLAGS)|$(GREETING)|$(EXTRA)' > $(DESTDIR)$(PREFIX)/share/hello/build-env.txt\n";

struct Project {
  ScopedDir root{make_unique_dir(std::filesystem::temp_directory_path(), "userpkg-build-test")};
  std::filesystem::path src = root.path() / "src";
  Recipe recipe;
  RecipeVersion version{Version::parse("1.0"), {}, {}, {}};
  std::map<std::string, std::string> patches;  // rel path -> content
  BuildRequest req;
  SilentReporter reporter;

  Project() {
    ensure_dir(src);
    recipe.name = "hello";
    recipe.origin = "test";
    req.recipe = &recipe;
    req.version = &version;
    req.source_dir = src;
    req.install_prefix = root.path() / "prefix/pkgs/hello/1.0";
    req.destdir = root.path() / "stage";
    req.jobs = 2;
    req.log_path = root.path() / "prefix/var/log/hello-1.0.log";
    req.read_patch = [this](const std::string& rel) { return patches.at(rel); };
    req.scratch_dir = root.path() / "prefix/var/staging/hello-1.0";
    ensure_dir(req.scratch_dir);
  }

  void write(const std::string& rel, const std::string& content, bool executable = false) {
    write_file_atomic(src / rel, content, executable ? std::filesystem::perms(0755) : std::filesystem::perms(0644));
  }
  void autotools_project() {
    write("configure", kConfigure, true);
    write("Makefile", kMakefile);
    write("message.txt", "hello\n");
  }
  std::filesystem::path staged() const { return req.destdir / req.install_prefix.relative_path(); }
  std::string log() const { return read_file(req.log_path); }
  void build() { build_package(req, reporter); }
  // What the install pipeline does after the build: move the staged tree into its final place.
  void move_into_place() {
    ensure_dir(req.install_prefix.parent_path());
    rename_path(staged(), req.install_prefix);
  }
};

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

const char* const kPatch =
    "--- a/message.txt\n"
    "+++ b/message.txt\n"
    "@@ -1 +1 @@\n"
    "-hello\n"
    "+patched hello\n";

}  // namespace

TEST_CASE("autotools project is configured, built and installed into the staging tree", "[builder]") {
  Project p;
  p.autotools_project();
  p.recipe.build.configure = {"--enable-thing", "--with-version={version}"};
  p.recipe.build.env = {{"GREETING", "hi {version}"}};
  p.build();
  CHECK(std::filesystem::exists(p.staged() / "bin/hello"));
  CHECK(read_file(p.staged() / "share/hello/message.txt") == "hello\n");
  CHECK_FALSE(std::filesystem::exists(p.req.install_prefix));  // the final place is never written
  CHECK(read_file(p.src / "configure-args.txt") == "--enable-thing\n--with-version=1.0\n");
  std::string env = read_file(p.staged() / "share/hello/build-env.txt");
  CHECK(contains(env, "-Wl,-rpath," + (p.req.install_prefix / "lib").string()));
  CHECK(contains(env, "|hi 1.0|"));
  std::string log = p.log();
  CHECK(contains(log, "$ ./configure --prefix=" + p.req.install_prefix.string() + " --enable-thing"));
  CHECK(contains(log, "configured"));
  CHECK(contains(log, "$ make -j2"));
  CHECK(contains(log, "$ make install DESTDIR=" + p.req.destdir.string()));
}

TEST_CASE("additions whose condition holds reach configure and make", "[builder]") {
  Project p;
  p.autotools_project();
  BuildAddition yes, no;
  yes.condition = "@1 zlib:system";
  yes.configure = {"--with-zlib"};
  yes.make = {"EXTRA=from-addition"};
  no.condition = "zlib:built";
  no.configure = {"--never"};
  p.recipe.build.additions = {yes, no};
  p.req.deps = {{"zlib", Version::parse("1.2.13"), true, {}}};
  p.build();
  CHECK(read_file(p.src / "configure-args.txt") == "--with-zlib\n");
  CHECK(contains(read_file(p.staged() / "share/hello/build-env.txt"), "|from-addition"));
}

TEST_CASE("a failing make step raises BuildFailed with the log's tail", "[builder]") {
  Project p;
  p.autotools_project();
  p.write("Makefile", "all:\n\t@echo 'compiler says: boom'; exit 3\ninstall:\n");
  try {
    p.build();
    FAIL("no BuildFailed");
  } catch (const BuildFailed& e) {
    CHECK(contains(e.what(), "build of hello 1.0 failed"));
    CHECK(contains(e.why(), "exited with status 2"));
    CHECK(contains(e.why(), "compiler says: boom"));
    CHECK(e.log_path() == p.req.log_path);
    REQUIRE_FALSE(e.log_tail().empty());
    CHECK(e.log_tail().size() <= kLogTailLines);
    CHECK(contains(e.hint(), p.req.log_path.string()));
  }
}

TEST_CASE("a missing build tool is a BuildFailed too", "[builder]") {
  Project p;
  p.autotools_project();
  p.recipe.build.configure_script = "configure";
  p.write("configure", "#!/bin/sh\nno-such-program-xyz\n", true);
  CHECK_THROWS_AS(p.build(), BuildFailed);
}

TEST_CASE("make driver with destdir = false installs through PREFIX={destdir}{prefix}", "[builder]") {
  Project p;
  p.recipe.build.system = "make";
  p.recipe.build.destdir = false;
  p.recipe.build.parallel = false;
  p.recipe.build.make = {"all"};
  p.recipe.build.install = {"install", "PREFIX={destdir}{prefix}"};
  p.write("Makefile",
          "PREFIX = /nonexistent\n"
          "all:\n\techo built > tool\n"
          "install:\n\tmkdir -p $(PREFIX)/bin\n\tcp tool $(PREFIX)/bin/tool\n\techo '$(DESTDIR)' > $(PREFIX)/destdir.txt\n");
  p.build();
  CHECK(read_file(p.staged() / "bin/tool") == "built\n");
  CHECK(read_file(p.staged() / "destdir.txt") == "\n");
  std::string log = p.log();
  CHECK(contains(log, "$ make all\n"));  // parallel = false: no -j
  CHECK_FALSE(contains(log, "DESTDIR="));
}

TEST_CASE("an install that ignores DESTDIR is caught", "[builder]") {
  Project p;
  p.recipe.build.system = "make";
  p.write("Makefile", "all:\n\ttrue\ninstall:\n\ttrue\n");
  try {
    p.build();
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(contains(e.what(), "put nothing into"));
    CHECK(contains(e.hint(), "destdir = false"));
  }
}

TEST_CASE("a source without configure is regenerated first", "[builder]") {
  Project p;
  p.autotools_project();
  std::filesystem::remove(p.src / "configure");
  p.write("configure.ac", "AC_INIT([hello], [1.0])\n");
  p.write("configure.in-test", kConfigure);
  p.write("autogen.sh", "cp configure.in-test configure && chmod +x configure && echo regenerated\n");
  p.recipe.build.regenerate = {"sh", "autogen.sh"};
  p.build();
  CHECK(std::filesystem::exists(p.staged() / "bin/hello"));
  CHECK(contains(p.log(), "$ sh autogen.sh\nregenerated\n"));
}

TEST_CASE("regenerate = true replaces a shipped configure", "[builder]") {
  Project p;
  p.autotools_project();
  p.write("configure", "#!/bin/sh\necho stale configure; exit 1\n", true);
  p.write("configure.in-test", kConfigure);
  p.write("autogen.sh", "cp configure.in-test configure && chmod +x configure\n");
  p.recipe.build.regenerate = {"sh", "autogen.sh"};
  p.req.regenerate = true;
  p.build();
  CHECK(std::filesystem::exists(p.staged() / "bin/hello"));
}

TEST_CASE("regeneration problems are explained", "[builder]") {
  Project p;
  p.autotools_project();
  std::filesystem::remove(p.src / "configure");
  SECTION("the tool is missing") {
    p.recipe.build.regenerate = {"no-such-autoreconf-xyz", "-fi"};
    p.recipe.build.regenerate_depends = {"autoconf", "automake"};
    try {
      p.build();
      FAIL("no error");
    } catch (const Error& e) {
      CHECK(contains(e.why(), "no-such-autoreconf-xyz"));
      CHECK(contains(e.hint(), "autoconf, automake"));
    }
  }
  SECTION("the command leaves no configure") {
    p.recipe.build.regenerate = {"true"};
    try {
      p.build();
      FAIL("no error");
    } catch (const Error& e) {
      CHECK(contains(e.what(), "did not create ./configure"));
    }
  }
}

TEST_CASE("patches whose condition holds are applied after their sha256 is checked", "[builder][patch]") {
  Project p;
  p.autotools_project();
  p.patches["hello/message.patch"] = kPatch;
  p.patches["hello/never.patch"] = "not even a patch";
  p.recipe.patches = {{"hello/message.patch", sha256_hex(kPatch), "@1"},
                      {"hello/never.patch", sha256_hex("not even a patch"), "@2"}};
  p.build();
  CHECK(read_file(p.staged() / "share/hello/message.txt") == "patched hello\n");
  CHECK(contains(p.log(), "$ patch -p1 --batch --forward -i "));
}

TEST_CASE("a patch with the wrong sha256 is refused", "[builder][patch]") {
  Project p;
  p.autotools_project();
  p.patches["hello/message.patch"] = kPatch;
  std::string wrong(64, '0');
  p.recipe.patches = {{"hello/message.patch", wrong, ""}};
  try {
    p.build();
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(contains(e.what(), "hello/message.patch"));
    CHECK(contains(e.why(), "expected " + wrong));
    CHECK(contains(e.why(), "got " + sha256_hex(kPatch)));
  }
  CHECK(read_file(p.src / "message.txt") == "hello\n");
}

TEST_CASE("a patch that does not apply fails the build", "[builder][patch]") {
  Project p;
  p.autotools_project();
  p.write("message.txt", "something else\n");
  p.patches["hello/message.patch"] = kPatch;
  p.recipe.patches = {{"hello/message.patch", sha256_hex(kPatch), ""}};
  CHECK_THROWS_AS(p.build(), BuildFailed);
}

TEST_CASE("post-install tests run against the package in its final place", "[builder][post_install_test]") {
  Project p;
  p.autotools_project();
  p.build();
  p.move_into_place();
  p.recipe.test_commands = {"test -x {prefix}/bin/hello", "hello | grep -q '^hello$'", "test -z '{destdir}'"};
  CHECK_NOTHROW(run_package_tests(p.req, p.reporter));
  CHECK(contains(p.log(), "$ /bin/sh -c 'hello | grep -q '"));

  p.recipe.test_commands = {"true", "echo 'import failed: no module ssl'; exit 1"};
  try {
    run_package_tests(p.req, p.reporter);
    FAIL("no BuildFailed");
  } catch (const BuildFailed& e) {
    CHECK(contains(e.what(), "echo 'import failed: no module ssl'; exit 1"));
    CHECK(contains(e.why(), "import failed: no module ssl"));
    CHECK(e.log_path() == p.req.log_path);
  }
}

TEST_CASE("the test step keeps its files in the run's staging directory", "[builder][post_install_test]") {
  Project p;
  p.autotools_project();
  p.build();
  p.move_into_place();
  const std::filesystem::path seen = p.root.path() / "seen.txt";
  p.recipe.test_commands = {"printf '%s\\n%s\\n' \"$TMPDIR\" \"$(pwd)\" > '" + seen.string() + "'"};
  CHECK_NOTHROW(run_package_tests(p.req, p.reporter));
  auto lines = split(read_file(seen), '\n', true);
  REQUIRE(lines.size() == 2);
  const std::string under = p.req.scratch_dir.string() + "/";
  CHECK(lines[0].starts_with(under));  // TMPDIR: a kill -9 leaves nothing in /tmp
  CHECK(lines[1].starts_with(under));
  CHECK(std::filesystem::is_empty(p.req.scratch_dir));  // removed after the test
}

TEST_CASE("unknown build systems and bad requests are errors", "[builder]") {
  Project p;
  p.autotools_project();
  p.recipe.build.system = "cmake";
  CHECK_THROWS_AS(p.build(), Error);
  p.recipe.build.system = "autotools";
  p.req.source_dir = p.root.path() / "missing";
  CHECK_THROWS_AS(p.build(), Error);
}

TEST_CASE("a program built against a built library finds it by rpath alone", "[builder][rpath]") {
  Project lib;
  lib.recipe.name = "greet";
  lib.recipe.build.system = "make";
  lib.recipe.build.install = {"install", "PREFIX={prefix}"};
  lib.write("greet.h", "const char* greeting(void);\n");
  lib.write("greet.c", "const char* greeting(void) { return \"greetings\"; }\n");
  lib.write("Makefile",
            "all:\n\t$(CC) -shared -fPIC greet.c -o libgreet.so\n"
            "install:\n\tmkdir -p $(DESTDIR)$(PREFIX)/lib $(DESTDIR)$(PREFIX)/include\n"
            "\tcp libgreet.so $(DESTDIR)$(PREFIX)/lib/\n\tcp greet.h $(DESTDIR)$(PREFIX)/include/\n");
  lib.build();
  lib.move_into_place();

  Project app;
  app.recipe.name = "app";
  app.recipe.build.system = "make";
  app.recipe.build.install = {"install", "PREFIX={prefix}"};
  app.req.deps = {{"greet", Version::parse("1.0"), false, lib.req.install_prefix}};
  app.write("app.c", "#include <stdio.h>\n#include <greet.h>\nint main(void) { puts(greeting()); return 0; }\n");
  app.write("Makefile",
            "all:\n\t$(CC) $(CPPFLAGS) $(CFLAGS) app.c -o app $(LDFLAGS) -lgreet\n"
            "install:\n\tmkdir -p $(DESTDIR)$(PREFIX)/bin\n\tcp app $(DESTDIR)$(PREFIX)/bin/\n");
  app.build();
  app.move_into_place();
  app.recipe.test_commands = {"test -z \"$LD_LIBRARY_PATH\"", "{prefix}/bin/app | grep -qx greetings"};
  CHECK_NOTHROW(run_package_tests(app.req, app.reporter));
}
