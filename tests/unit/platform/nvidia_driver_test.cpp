// Driver detection through stand-ins: libcuda stubs compiled at test time (cc -shared), fixture
// /proc/driver/nvidia/version files in both kernel-module formats, and an nvidia-smi script.
#include <catch2/catch.hpp>

#include <filesystem>

#include "linkage/libcuda_query.hpp"
#include "platform/nvidia_driver.hpp"
#include "util/error.hpp"
#include "util/fs.hpp"
#include "util/process.hpp"

using namespace userpkg;
namespace fs = std::filesystem;

namespace {

const std::string proprietary_proc =
    "NVRM version: NVIDIA UNIX x86_64 Kernel Module  535.104.05  Sat Aug 19 01:15:15 UTC 2023\n"
    "GCC version:  gcc version 12.2.0 (Debian 12.2.0-14)\n";
const std::string open_proc =
    "NVRM version: NVIDIA UNIX Open Kernel Module for x86_64  550.54.14  Release Build  "
    "(dvs-builder@U16-I3-B03-4-3)  Thu Feb 22 01:25:25 UTC 2024\n"
    "GCC version:  gcc version 12.3.0 (Ubuntu 12.3.0-1ubuntu1~22.04)\n";
const std::string smi_header =
    "Fri Sep 15 10:12:31 2023       \n"
    "+---------------------------------------------------------------------------------------+\n"
    "| NVIDIA-SMI 535.104.05             Driver Version: 535.104.05   CUDA Version: 12.2     |\n"
    "|-----------------------------------------+----------------------+----------------------+\n"
    "| GPU  Name                 Persistence-M | Bus-Id        Disp.A | Volatile Uncorr. ECC |\n"
    "|=========================================+======================+======================|\n"
    "|   0  NVIDIA A100-SXM4-40GB          On  | 00000000:07:00.0 Off |                    0 |\n"
    "+-----------------------------------------+----------------------+----------------------+\n";

struct Sandbox {
  ScopedDir dir{make_unique_dir(fs::temp_directory_path(), "userpkg-driver-test")};
  fs::path path(const std::string& name) const { return dir.path() / name; }

  fs::path write(const std::string& name, const std::string& text, fs::perms mode = fs::perms(0644)) const {
    write_file_atomic(path(name), text, mode);
    return path(name);
  }

  // Compiles C source into a shared library; empty path (and a WARN) without a C compiler.
  fs::path shared_library(const std::string& name, const std::string& c_source) const {
    const char* path_env = std::getenv("PATH");
    if (find_program("cc", path_env ? path_env : "/usr/bin:/bin").empty()) {
      WARN("no C compiler (cc): libcuda stub tests skipped");
      return {};
    }
    fs::path source = write(name + ".c", c_source);
    fs::path out = path(name);
    REQUIRE(run_process({"cc", "-shared", "-fPIC", "-o", out.string(), source.string()}).status == 0);
    return out;
  }

  fs::path smi_script(const std::string& output, int status) const {
    return write("nvidia-smi", "#!/bin/sh\ncat <<'END'\n" + output + "END\nexit " + std::to_string(status) + "\n",
                 fs::perms(0755));
  }

  // Every source points into the sandbox, where nothing exists yet.
  DriverProbe probe() const {
    DriverProbe p;
    p.env.set("PATH", "/usr/bin:/bin");
    p.libcuda = path("libcuda.so.1").string();
    p.proc_version = path("proc-version");
    p.nvidia_smi = path("nvidia-smi").string();
    return p;
  }
};

}  // namespace

TEST_CASE("cuDriverGetVersion's integer", "[nvidia_driver]") {
  CHECK(cuda_from_driver_api(12020) == Version::parse("12.2"));
  CHECK(cuda_from_driver_api(11080) == Version::parse("11.8"));
  CHECK(cuda_from_driver_api(13000) == Version::parse("13.0"));
  CHECK(cuda_from_driver_api(10010) == Version::parse("10.1"));
  CHECK(cuda_from_driver_api(0) == std::nullopt);
  CHECK(cuda_from_driver_api(-1) == std::nullopt);
}

TEST_CASE("/proc/driver/nvidia/version in both kernel module formats", "[nvidia_driver]") {
  CHECK(parse_proc_driver_version(proprietary_proc) == "535.104.05");
  CHECK(parse_proc_driver_version(open_proc) == "550.54.14");
  CHECK(parse_proc_driver_version("NVRM version: NVIDIA UNIX aarch64 Kernel Module  570.86.15  Tue Jan 7 UTC 2025\n") ==
        "570.86.15");
  CHECK(parse_proc_driver_version("NVRM version: NVIDIA UNIX x86_64 Kernel Module  570.26  Fri Jan 10\n") == "570.26");
  CHECK(parse_proc_driver_version("") == std::nullopt);
  CHECK(parse_proc_driver_version("GCC version:  gcc version 12.2.0\n") == std::nullopt);
  CHECK(parse_proc_driver_version("NVRM version: NVIDIA UNIX x86_64 Kernel Module  garbage\n") == std::nullopt);
  CHECK(parse_proc_driver_version("\x7f" "ELF\x02\x01\x01 binary junk 1.2.3") == std::nullopt);
}

TEST_CASE("nvidia-smi's header", "[nvidia_driver]") {
  CHECK(parse_nvidia_smi_cuda(smi_header) == Version::parse("12.2"));
  CHECK(parse_nvidia_smi_driver(smi_header) == "535.104.05");
  CHECK(parse_nvidia_smi_cuda("NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver.") ==
        std::nullopt);
}

TEST_CASE("USERPKG_CUDA_DRIVER: a CUDA version, a driver version, none, or an Error", "[nvidia_driver]") {
  auto cuda = driver_from_override("12.2");
  CHECK(cuda.present);
  CHECK(cuda.max_cuda == Version::parse("12.2"));
  CHECK(cuda.source == "USERPKG_CUDA_DRIVER");
  CHECK(cuda.driver_version.empty());

  auto driver = driver_from_override("535.104.05");
  CHECK(driver.present);
  CHECK(driver.driver_version == "535.104.05");
  CHECK(driver.max_cuda == Version::parse("12.2"));

  auto none = driver_from_override("none");
  CHECK_FALSE(none.present);
  CHECK(none.source == "USERPKG_CUDA_DRIVER");

  for (const char* bad : {"12", "cuda12.2", "12.2.1", "yes", "None", "12,2"}) {
    INFO(bad);
    CHECK_THROWS_AS(driver_from_override(bad), Error);
  }
  try {
    driver_from_override("lots");
    FAIL("no error");
  } catch (const Error& e) {
    CHECK_THAT(e.what(), Catch::Contains("USERPKG_CUDA_DRIVER=lots"));
    CHECK_THAT(e.hint(), Catch::Contains("USERPKG_CUDA_DRIVER=none"));
  }
}

TEST_CASE("the override wins over every other source", "[nvidia_driver]") {
  Sandbox box;
  DriverProbe p = box.probe();
  box.write("proc-version", proprietary_proc);
  p.env.set("USERPKG_CUDA_DRIVER", "none");
  CHECK_FALSE(detect_nvidia_driver(p).present);
  p.env.set("USERPKG_CUDA_DRIVER", "11.8");
  CHECK(detect_nvidia_driver(p).max_cuda == Version::parse("11.8"));
  p.env.set("USERPKG_CUDA_DRIVER", "garbage");
  CHECK_THROWS_AS(detect_nvidia_driver(p), Error);
  p.env.set("USERPKG_CUDA_DRIVER", "");  // empty: as if unset
  CHECK(detect_nvidia_driver(p).source == "/proc");
}

TEST_CASE("libcuda's cuDriverGetVersion answers first", "[nvidia_driver]") {
  Sandbox box;
  DriverProbe p = box.probe();
  p.libcuda = box.shared_library("libcuda.so.1", "int cuDriverGetVersion(int* v) { *v = 12020; return 0; }\n").string();
  if (p.libcuda.empty()) return;
  std::string why;
  CHECK(query_libcuda(p.libcuda, why) == 12020);

  auto alone = detect_nvidia_driver(p);
  CHECK(alone.present);
  CHECK(alone.source == "libcuda");
  CHECK(alone.max_cuda == Version::parse("12.2"));
  CHECK(alone.driver_version.empty());  // no /proc file to name the driver

  box.write("proc-version", open_proc);  // with /proc readable, the driver gets its version string
  box.smi_script(smi_header, 0);
  auto with_proc = detect_nvidia_driver(p);
  CHECK(with_proc.source == "libcuda");
  CHECK(with_proc.max_cuda == Version::parse("12.2"));
  CHECK(with_proc.driver_version == "550.54.14");
}

TEST_CASE("a libcuda without cuDriverGetVersion, or one that fails, falls back to /proc", "[nvidia_driver]") {
  Sandbox box;
  DriverProbe p = box.probe();
  fs::path useless = box.shared_library("libuseless.so", "int cuInit(unsigned f) { return (int)f; }\n");
  fs::path failing = box.shared_library("libfailing.so", "int cuDriverGetVersion(int* v) { *v = 0; return 100; }\n");
  if (useless.empty()) return;
  box.write("proc-version", proprietary_proc);

  p.libcuda = useless.string();
  auto d = detect_nvidia_driver(p);
  CHECK(d.source == "/proc");
  CHECK(d.driver_version == "535.104.05");
  CHECK(d.max_cuda == Version::parse("12.2"));
  REQUIRE_FALSE(d.notes.empty());
  CHECK_THAT(d.notes[0], Catch::Contains("has no cuDriverGetVersion"));

  p.libcuda = failing.string();
  d = detect_nvidia_driver(p);
  CHECK(d.source == "/proc");
  CHECK_THAT(d.notes[0], Catch::Contains("CUDA error 100"));
}

TEST_CASE("the CUDA toolkit's own stub libcuda is not a driver", "[nvidia_driver]") {
  fs::path stub;
  for (const char* candidate : {"/usr/local/cuda/lib64/stubs/libcuda.so", "/usr/local/cuda/lib/stubs/libcuda.so"})
    if (fs::exists(candidate)) stub = candidate;
  if (stub.empty()) {
    WARN("no CUDA toolkit stub libcuda.so on this machine");
    return;
  }
  std::string why;
  CHECK(query_libcuda(stub.string(), why) == std::nullopt);
  CHECK_THAT(why, Catch::Contains("stub library"));
}

TEST_CASE("/proc: open kernel module, an old driver, garbage", "[nvidia_driver]") {
  Sandbox box;
  DriverProbe p = box.probe();
  box.write("proc-version", open_proc);
  auto open = detect_nvidia_driver(p);
  CHECK(open.source == "/proc");
  CHECK(open.max_cuda == Version::parse("12.4"));
  REQUIRE(open.notes.size() == 1);
  CHECK_THAT(open.notes[0], Catch::StartsWith("libcuda: "));

  box.write("proc-version", "NVRM version: NVIDIA UNIX x86_64 Kernel Module  418.87.01  Sun Aug 25 2019\n");
  auto old = detect_nvidia_driver(p);
  CHECK(old.present);
  CHECK(old.driver_version == "418.87.01");
  CHECK(old.max_cuda == std::nullopt);
  CHECK_THAT(old.notes.back(), Catch::Contains("older than CUDA 11.0's (>= 450.51.05)"));

  box.write("proc-version", "something else entirely\n");  // garbage: on to nvidia-smi, which is missing
  auto garbage = detect_nvidia_driver(p);
  CHECK_FALSE(garbage.present);
  CHECK(garbage.source == "none found");
  REQUIRE(garbage.notes.size() == 3);
  CHECK_THAT(garbage.notes[1], Catch::Contains("no \"NVRM version\" line"));
  CHECK_THAT(garbage.notes[2], Catch::Contains("nvidia-smi: not found"));
}

TEST_CASE("nvidia-smi is the last resort", "[nvidia_driver]") {
  Sandbox box;
  DriverProbe p = box.probe();
  box.smi_script(smi_header, 0);
  auto d = detect_nvidia_driver(p);
  CHECK(d.present);
  CHECK(d.source == "nvidia-smi");
  CHECK(d.max_cuda == Version::parse("12.2"));
  CHECK(d.driver_version == "535.104.05");
  REQUIRE(d.notes.size() == 2);  // libcuda and /proc said why they did not answer
  CHECK_THAT(d.notes[1], Catch::Contains("not readable"));

  box.smi_script("NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver.\n", 9);
  auto failed = detect_nvidia_driver(p);
  CHECK_FALSE(failed.present);
  CHECK_THAT(failed.notes.back(), Catch::Contains("exit status 9"));
  CHECK_THAT(failed.notes.back(), Catch::Contains("couldn't communicate"));

  // Found on PATH by name, as on a real machine.
  p.nvidia_smi = "nvidia-smi";
  p.env.set("PATH", box.dir.path().string() + ":/usr/bin:/bin");
  box.smi_script(smi_header, 0);
  CHECK(detect_nvidia_driver(p).source == "nvidia-smi");
}

TEST_CASE("a driver refuses a newer CUDA toolkit, with the numbers", "[nvidia_driver]") {
  auto d = driver_from_override("535.104.05");
  CHECK(driver_refuses_cuda(d, Version::parse("12.2.2")) == std::nullopt);
  CHECK(driver_refuses_cuda(d, Version::parse("11.8")) == std::nullopt);
  CHECK(driver_refuses_cuda(d, Version::parse("12.4")) ==
        "CUDA 12.4 needs driver >= 550.54.14; this machine has 535.104.05, which supports up to CUDA 12.2");
  CHECK(driver_refuses_cuda(driver_from_override("none"), Version::parse("12.4")) == std::nullopt);
  CHECK(driver_refuses_cuda(driver_from_override("418.87.01"), Version::parse("11.0")).has_value());
  CHECK(describe_driver(d) == "NVIDIA driver 535.104.05, CUDA up to 12.2 (from USERPKG_CUDA_DRIVER)");
  CHECK(describe_driver(driver_from_override("none")) == "no NVIDIA driver (USERPKG_CUDA_DRIVER=none)");
}

TEST_CASE("this machine: whatever is found is self-consistent", "[nvidia_driver]") {
  DriverProbe p;
  p.env = Environment::current();
  p.env.unset("USERPKG_CUDA_DRIVER");
  auto d = detect_nvidia_driver(p);
  INFO(describe_driver(d));
  if (d.present) {
    CHECK((d.source == "libcuda" || d.source == "/proc" || d.source == "nvidia-smi"));
    if (d.source == "libcuda") CHECK(d.max_cuda.has_value());
  } else {
    CHECK(d.source == "none found");
    CHECK(d.notes.size() == 3);
  }
}
