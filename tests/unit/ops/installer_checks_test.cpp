#include <catch2/catch.hpp>

#include "ops/installer_checks.hpp"

using namespace userpkg;

TEST_CASE("an installer's architecture comes from its file name", "[installer]") {
  CHECK(installer_architecture("Miniconda3-py310_23.5.2-0-Linux-x86_64.sh") == "x86_64");
  CHECK(installer_architecture("Miniconda3-py310_23.5.2-0-Linux-aarch64.sh") == "aarch64");
  CHECK(installer_architecture("Miniconda3-py38_4.9.2-Linux-ppc64le.sh") == "ppc64le");
  CHECK(installer_architecture("install.sh").empty());
  CHECK(installer_architecture("Miniconda3-x86_64-notes.txt").empty());
}

TEST_CASE("an installer runs only on its own architecture", "[installer]") {
  CHECK(installer_fits_machine("x86_64", "x86_64"));
  CHECK(installer_fits_machine("aarch64", "arm64"));
  CHECK_FALSE(installer_fits_machine("x86_64", "aarch64"));
  CHECK_FALSE(installer_fits_machine("aarch64", "x86_64"));
  CHECK(installer_fits_machine("", "riscv64"));
}

TEST_CASE("the installer's environment is an allow-list with a scratch HOME", "[installer]") {
  Environment base;
  base.set("PATH", "/usr/bin:/bin");
  base.set("HOME", "/home/user");
  base.set("LANG", "C.UTF-8");
  base.set("LC_ALL", "C");
  base.set("CONDA_PREFIX", "/opt/conda");
  base.set("CONDA_PKGS_DIRS", "/opt/pkgs");
  base.set("PYTHONPATH", "/x");
  base.set("PYTHONHOME", "/y");
  base.set("LD_LIBRARY_PATH", "/opt/conda/lib");
  base.set("BASH_ENV", "/home/user/.bashrc");
  Environment env = installer_environment(base, "/p/var/staging/s/home", "/p/var/staging/s/tmp");
  CHECK(env.get("HOME") == "/p/var/staging/s/home");
  CHECK(env.get("TMPDIR") == "/p/var/staging/s/tmp");
  CHECK(env.get("PATH") == "/usr/bin:/bin");
  CHECK(env.get("LANG") == "C.UTF-8");
  CHECK(env.get("LC_ALL") == "C");
  for (const char* gone : {"CONDA_PREFIX", "CONDA_PKGS_DIRS", "PYTHONPATH", "PYTHONHOME", "LD_LIBRARY_PATH", "BASH_ENV"})
    CHECK_FALSE(env.get(gone).has_value());
  CHECK(installer_environment(Environment{}, "/h", "/t").get("PATH").has_value());
}

TEST_CASE("conda's version from `conda --version`", "[installer]") {
  CHECK(conda_version_from("conda 23.5.2\n") == "23.5.2");
  CHECK(conda_version_from("some warning\nconda 24.11.1\n") == "24.11.1");
  CHECK_FALSE(conda_version_from("").has_value());
  CHECK_FALSE(conda_version_from("bash: conda: not found").has_value());
  // A probe may print 16 MB; std::regex recursed once per character of a long line (SIGSEGV).
  CHECK_FALSE(conda_version_from("conda 1" + std::string(1000000, 'a') + "\nconda 2.0 x\n").has_value());
  CHECK(conda_version_from(std::string(1000000, ' ') + "\nconda 24.1.2\n") == "24.1.2");
}
