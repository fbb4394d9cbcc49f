#include <catch2/catch.hpp>

#include <algorithm>

#include "doctor/gpu_check.hpp"

using namespace userpkg;

namespace {

GpuFacts facts_with(std::optional<NvidiaDriver> driver) {
  GpuFacts f;
  f.glibc = GlibcVersion{Version::parse("2.36"), "gnu_get_libc_version"};
  f.running_glibc = "2.36";
  f.arch = arch_from_machine("x86_64");
  f.driver = std::move(driver);
  return f;
}

const Finding* find(const std::vector<Finding>& findings, const std::string& id) {
  auto it = std::find_if(findings.begin(), findings.end(), [&](const Finding& f) { return f.id == id; });
  return it == findings.end() ? nullptr : &*it;
}

NvidiaDriver found_in_proc(const std::string& version) {
  NvidiaDriver d = driver_from_override(version);
  d.source = "/proc";
  d.notes = {"libcuda: libcuda.so.1: cannot open shared object file"};
  return d;
}

}  // namespace

TEST_CASE("gpu: platform facts and a detected driver", "[doctor][gpu]") {
  auto findings = check_gpu(facts_with(found_in_proc("535.104.05")));
  const Finding* platform = find(findings, "gpu.platform");
  REQUIRE(platform);
  CHECK(platform->severity == Severity::ok);
  CHECK(platform->title == "glibc 2.36, x86_64");
  CHECK_THAT(platform->detail, Catch::Contains("manylinux_2_N_x86_64 with N <= 36"));
  CHECK_THAT(platform->detail, Catch::Contains("linux-x86_64"));
  const Finding* driver = find(findings, "gpu.driver");
  REQUIRE(driver);
  CHECK(driver->severity == Severity::ok);
  CHECK(driver->title == "NVIDIA driver 535.104.05, CUDA up to 12.2 (from /proc): CUDA builds up to 12.2 will be chosen");
  CHECK_THAT(driver->detail, Catch::Contains("libcuda.so.1"));
  CHECK(find(findings, "gpu.glibc-old") == nullptr);
  CHECK(find(findings, "gpu.visible-devices") == nullptr);  // CUDA_VISIBLE_DEVICES unset
}

TEST_CASE("gpu: no driver means CPU-only wheels, with what was tried", "[doctor][gpu]") {
  NvidiaDriver none;
  none.source = "none found";
  none.notes = {"libcuda: not found", "/proc/driver/nvidia/version: not readable", "nvidia-smi: not found"};
  auto findings = check_gpu(facts_with(none));
  const Finding* f = find(findings, "gpu.no-driver");
  REQUIRE(f);
  CHECK(f->severity == Severity::note);
  CHECK(f->title == "no NVIDIA driver found: CPU-only wheels will be chosen");
  CHECK_THAT(f->detail, Catch::Contains("nvidia-smi: not found"));

  auto overridden = check_gpu(facts_with(driver_from_override("none")));
  REQUIRE(find(overridden, "gpu.no-driver"));
  CHECK_THAT(find(overridden, "gpu.no-driver")->title, Catch::Contains("USERPKG_CUDA_DRIVER=none"));
  CHECK_THAT(find(overridden, "gpu.no-driver")->fix, Catch::Contains("unset USERPKG_CUDA_DRIVER"));
}

TEST_CASE("gpu: a driver too old for CUDA 11 is a warning naming the driver to ask for", "[doctor][gpu]") {
  auto findings = check_gpu(facts_with(found_in_proc("418.87.01")));
  const Finding* f = find(findings, "gpu.driver-too-old");
  REQUIRE(f);
  CHECK(f->severity == Severity::warning);
  CHECK_THAT(f->title, Catch::Contains("418.87.01"));
  CHECK_THAT(f->title, Catch::Contains("CPU-only wheels"));
  CHECK_THAT(f->fix, Catch::Contains(">= 450.51.05"));
}

TEST_CASE("gpu: overrides are notes; invalid overrides are errors", "[doctor][gpu]") {
  GpuFacts f = facts_with(driver_from_override("12.2"));
  f.glibc = GlibcVersion{Version::parse("2.17"), "USERPKG_GLIBC"};
  auto findings = check_gpu(f);
  REQUIRE(find(findings, "gpu.glibc-override"));
  CHECK(find(findings, "gpu.glibc-override")->title == "glibc 2.17 from USERPKG_GLIBC (this machine runs 2.36), x86_64");
  REQUIRE(find(findings, "gpu.glibc-old"));
  CHECK_THAT(find(findings, "gpu.glibc-old")->title, Catch::Contains("2.28"));
  REQUIRE(find(findings, "gpu.driver"));
  CHECK(find(findings, "gpu.driver")->severity == Severity::note);

  GpuFacts bad = facts_with(std::nullopt);
  bad.driver_error = "USERPKG_CUDA_DRIVER=x is not understood";
  bad.glibc.reset();
  bad.glibc_override = true;
  bad.glibc_error = "USERPKG_GLIBC=2 is not a glibc version";
  auto errors = check_gpu(bad);
  REQUIRE(find(errors, "gpu.driver-override-invalid"));
  CHECK(find(errors, "gpu.driver-override-invalid")->severity == Severity::error);
  REQUIRE(find(errors, "gpu.glibc-override-invalid"));
  CHECK(find(errors, "gpu.glibc-override-invalid")->severity == Severity::error);
}

TEST_CASE("gpu: no glibc found on the host (a static userpkg on a musl system)", "[doctor][gpu]") {
  GpuFacts facts = facts_with(std::nullopt);
  facts.glibc.reset();
  facts.running_glibc = "no glibc found (looked for /lib64/libc.so.6)";
  auto findings = check_gpu(facts);
  REQUIRE(find(findings, "gpu.glibc-unknown"));
  CHECK(find(findings, "gpu.glibc-unknown")->severity == Severity::warning);
  CHECK_THAT(find(findings, "gpu.glibc-unknown")->fix, Catch::Contains("USERPKG_GLIBC"));
  CHECK_FALSE(find(findings, "gpu.glibc-override-invalid"));
}

TEST_CASE("gpu: an architecture nobody publishes wheels for", "[doctor][gpu]") {
  GpuFacts f = facts_with(driver_from_override("none"));
  f.arch = arch_from_machine("riscv64");
  auto findings = check_gpu(f);
  REQUIRE(find(findings, "gpu.arch-unsupported"));
  CHECK(find(findings, "gpu.arch-unsupported")->severity == Severity::warning);
}

TEST_CASE("CUDA_VISIBLE_DEVICES: set but empty hides every GPU", "[doctor][gpu]") {
  auto findings = check_cuda_visible_devices(std::string(""), 4, true);
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].id == "gpu.visible-devices-empty");
  CHECK(findings[0].severity == Severity::warning);
  CHECK(findings[0].fix.rfind("unset CUDA_VISIBLE_DEVICES", 0) == 0);
  // Without a driver it matters less.
  CHECK(check_cuda_visible_devices(std::string(" "), std::nullopt, false)[0].severity == Severity::note);
}

TEST_CASE("CUDA_VISIBLE_DEVICES: unset, valid lists, -1", "[doctor][gpu]") {
  CHECK(check_cuda_visible_devices(std::nullopt, 2, true).empty());
  for (const char* good : {"0", "0,1", "1, 0", "GPU-8932f937-d72c-4106-c12f-20bd9faed9f6",
                           "GPU-8932f937,1", "MIG-GPU-8932f937-d72c-4106-c12f-20bd9faed9f6/1/0",
                           "MIG-c7384736-a75d-5afc-978f-d2f1294409fd"}) {
    INFO(good);
    auto findings = check_cuda_visible_devices(std::string(good), 2, true);
    REQUIRE(findings.size() == 1);
    CHECK(findings[0].id == "gpu.visible-devices");
    CHECK(findings[0].severity == Severity::ok);
  }
  CHECK(check_cuda_visible_devices(std::string("0,1"), 2, true)[0].title == "CUDA_VISIBLE_DEVICES=0,1: 2 GPUs visible");
  auto hidden = check_cuda_visible_devices(std::string("-1"), 2, true);
  REQUIRE(hidden.size() == 1);
  CHECK(hidden[0].id == "gpu.visible-devices-hidden");
  CHECK(hidden[0].severity == Severity::note);
}

TEST_CASE("CUDA_VISIBLE_DEVICES: an invalid entry hides it and everything after it", "[doctor][gpu]") {
  auto findings = check_cuda_visible_devices(std::string("0,gpu1,2"), 4, true);
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].id == "gpu.visible-devices-invalid");
  CHECK(findings[0].severity == Severity::warning);
  CHECK(findings[0].title == "CUDA_VISIBLE_DEVICES=0,gpu1,2: 'gpu1' is not a GPU index, GPU-<uuid> or MIG-<uuid>");
  CHECK_THAT(findings[0].detail, Catch::Contains("only 0 will be visible"));
  CHECK(findings[0].fix == "export CUDA_VISIBLE_DEVICES=0,2");

  auto range = check_cuda_visible_devices(std::string("1,3"), 2, true);
  REQUIRE(range.size() == 1);
  CHECK_THAT(range[0].title, Catch::Contains("GPU 3 does not exist (this machine has 2 NVIDIA GPUs)"));
  CHECK(range[0].fix == "export CUDA_VISIBLE_DEVICES=1");
  // Without a GPU count, any index may exist.
  CHECK(check_cuda_visible_devices(std::string("1,3"), std::nullopt, true)[0].id == "gpu.visible-devices");

  auto twice = check_cuda_visible_devices(std::string("0,0"), 2, true);
  CHECK_THAT(twice[0].title, Catch::Contains("'0' is listed twice"));
  CHECK(twice[0].fix == "export CUDA_VISIBLE_DEVICES=0");

  auto nothing = check_cuda_visible_devices(std::string(",1"), 2, true);
  CHECK_THAT(nothing[0].detail, Catch::Contains("no GPU is visible"));
  CHECK(nothing[0].fix == "export CUDA_VISIBLE_DEVICES=1");

  auto huge = check_cuda_visible_devices(std::string("99999999999999999999999"), 2, true);
  CHECK(huge[0].id == "gpu.visible-devices-invalid");
  CHECK(huge[0].fix == "unset CUDA_VISIBLE_DEVICES");
}

TEST_CASE("gather_gpu_facts on this machine, with overrides", "[doctor][gpu]") {
  Environment env = Environment::current();
  env.set("USERPKG_CUDA_DRIVER", "none");
  env.set("USERPKG_GLIBC", "2.17");
  env.set("CUDA_VISIBLE_DEVICES", "");
  GpuFacts f = gather_gpu_facts(env);
  REQUIRE(f.glibc);
  CHECK(f.glibc->version == Version::parse("2.17"));
  REQUIRE(f.driver);
  CHECK_FALSE(f.driver->present);
  CHECK(f.cuda_visible_devices == "");
  CHECK_FALSE(f.arch.machine.empty());

  env.set("USERPKG_CUDA_DRIVER", "bogus");
  env.set("USERPKG_GLIBC", "3");
  GpuFacts bad = gather_gpu_facts(env);
  CHECK_FALSE(bad.driver);
  CHECK_THAT(bad.driver_error, Catch::Contains("USERPKG_CUDA_DRIVER=bogus"));
  CHECK_FALSE(bad.glibc);
  CHECK_THAT(bad.glibc_error, Catch::Contains("USERPKG_GLIBC=3"));
}

TEST_CASE("gpu check: CUDA_VISIBLE_DEVICES names GPU UUIDs this machine lacks", "[doctor][gpu]") {
  const std::vector<std::string> uuids{"GPU-5f3e9a1c-0b1d-4c1e-9d7a-111111111111",
                                       "GPU-5f3e9a1c-0b1d-4c1e-9d7a-222222222222"};
  CHECK(parse_gpu_information_uuid("Model: \t\t NVIDIA H100\nIRQ:   \t\t 35\nGPU UUID: \t GPU-5f3e9a1c-0b1d-4c1e-9d7a-"
                                   "111111111111\nVideo BIOS: \t 96.00.74.00.01\n") == uuids[0]);
  CHECK(parse_gpu_information_uuid("Model: NVIDIA H100\n").empty());
  // Full UUIDs and unique prefixes of them are fine, in any case.
  auto good = check_cuda_visible_devices(uuids[1] + "," + uuids[0], 2, true, uuids);
  CHECK(good[0].id == "gpu.visible-devices");
  CHECK(check_cuda_visible_devices(std::string("GPU-5F3E9A1C-0B1D-4C1E-9D7A-2"), 2, true, uuids)[0].id ==
        "gpu.visible-devices");
  // A UUID of another machine hides it and everything after it.
  auto foreign = check_cuda_visible_devices("0,GPU-deadbeef-0000,1", 2, true, uuids);
  REQUIRE(foreign.size() == 1);
  CHECK(foreign[0].id == "gpu.visible-devices-invalid");
  CHECK(foreign[0].severity == Severity::warning);
  CHECK_THAT(foreign[0].title, Catch::Contains("GPU-deadbeef-0000 is no GPU of this machine (its GPUs: " + uuids[0]));
  CHECK_THAT(foreign[0].detail, Catch::Contains("only 0 will be visible"));
  CHECK(foreign[0].fix == "export CUDA_VISIBLE_DEVICES=0,1");
  // A prefix shared by both GPUs is ambiguous.
  auto shared = check_cuda_visible_devices(std::string("GPU-5f3e"), 2, true, uuids);
  CHECK_THAT(shared[0].title, Catch::Contains("the start of more than one GPU's UUID"));
  // Unknown UUIDs (no /proc list): nothing is ruled out; MIG devices are never checked.
  CHECK(check_cuda_visible_devices(std::string("GPU-deadbeef"), 2, true)[0].id == "gpu.visible-devices");
  CHECK(check_cuda_visible_devices(std::string("MIG-abc/1/0"), 2, true, uuids)[0].id == "gpu.visible-devices");
  // Indexes past the GPU count on a several-GPU machine.
  auto past = check_cuda_visible_devices(std::string("2,3"), 2, true, uuids);
  CHECK_THAT(past[0].title, Catch::Contains("GPU 2 does not exist (this machine has 2 NVIDIA GPUs)"));
}

TEST_CASE("CUDA_VISIBLE_DEVICES: entries as long as an environment variable can be", "[doctor][gpu]") {
  // std::regex recursed once per character: a 120,000-character entry crashed doctor (SIGSEGV).
  const std::string hex(120000, 'a');
  CHECK(check_cuda_visible_devices("GPU-" + hex, std::nullopt, false).at(0).severity == Severity::ok);
  CHECK(check_cuda_visible_devices("MIG-" + hex + "/1/0", std::nullopt, false).at(0).severity == Severity::ok);
  CHECK(check_cuda_visible_devices(std::string(120000, '1'), std::nullopt, false).at(0).severity == Severity::ok);
  CHECK(check_cuda_visible_devices("GPU-" + hex + "x", std::nullopt, false).at(0).severity != Severity::ok);
  for (const char* bad : {"GPU-", "GPU--1", "MIG-", "MIG-/1", "GPU-g1", "x", "1a"}) {
    INFO(bad);
    CHECK(check_cuda_visible_devices(std::string(bad), std::nullopt, false).at(0).severity != Severity::ok);
  }
}
