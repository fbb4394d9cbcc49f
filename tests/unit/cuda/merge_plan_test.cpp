#include <catch2/catch.hpp>

#include <algorithm>

#include "cuda/merge_plan.hpp"
#include "manifests.hpp"

using namespace userpkg::cuda;
using userpkg::archive::EntryInfo;
using userpkg::archive::EntryKind;
using userpkg::test::error_text;
using Catch::Matchers::Contains;
using Names = std::vector<std::string>;

namespace {

EntryInfo dir(std::string name) { return {std::move(name), EntryKind::directory, {}, {}}; }
EntryInfo file(std::string name) { return {std::move(name), EntryKind::file, {}, {}}; }
EntryInfo sym(std::string name, std::string to) { return {std::move(name), EntryKind::symlink, std::move(to), {}}; }

// Entry lists as `tar tvf` shows them for NVIDIA's 12.1 archives (abridged).
ArchiveListing cudart_12_1() {
  const std::string t = "cuda_cudart-linux-x86_64-12.1.105-archive/";
  return {"cuda_cudart",
          "cuda_cudart-linux-x86_64-12.1.105-archive.tar.xz",
          {dir(t), file(t + "LICENSE"), dir(t + "include/"), file(t + "include/cuda_runtime.h"),
           file(t + "include/cuda_runtime_api.h"), dir(t + "lib/"), sym(t + "lib/libcudart.so", "libcudart.so.12"),
           sym(t + "lib/libcudart.so.12", "libcudart.so.12.1.105"), file(t + "lib/libcudart.so.12.1.105"),
           file(t + "lib/libcudart_static.a"), file(t + "lib/libcudadevrt.a"), dir(t + "lib/stubs/"),
           file(t + "lib/stubs/libcuda.so"), dir(t + "pkg-config/"), file(t + "pkg-config/cudart-12.1.pc")}};
}

ArchiveListing nvcc_12_1() {
  const std::string t = "./cuda_nvcc-linux-x86_64-12.1.105-archive/";  // some tars write a leading ./
  return {"cuda_nvcc",
          "cuda_nvcc-linux-x86_64-12.1.105-archive.tar.xz",
          {dir(t), file(t + "LICENSE"), dir(t + "bin/"), file(t + "bin/nvcc"), file(t + "bin/nvcc.profile"),
           file(t + "bin/ptxas"), file(t + "bin/nvlink"), file(t + "bin/fatbinary"), dir(t + "include/"),
           dir(t + "include/crt/"), file(t + "include/crt/host_config.h"), dir(t + "lib/"),
           file(t + "lib/libnvptxcompiler_static.a"), dir(t + "nvvm/"), dir(t + "nvvm/bin/"),
           file(t + "nvvm/bin/cicc"), dir(t + "nvvm/lib64/"), sym(t + "nvvm/lib64/libnvvm.so", "libnvvm.so.4"),
           sym(t + "nvvm/lib64/libnvvm.so.4", "libnvvm.so.4.0.0"), file(t + "nvvm/lib64/libnvvm.so.4.0.0"),
           dir(t + "nvvm/libdevice/"), file(t + "nvvm/libdevice/libdevice.10.bc")}};
}

ArchiveListing cccl_12_1() {
  const std::string t = "cuda_cccl-linux-x86_64-12.1.109-archive/";
  return {"cuda_cccl",
          "cuda_cccl-linux-x86_64-12.1.109-archive.tar.xz",
          {dir(t), file(t + "LICENSE"), dir(t + "include/"), dir(t + "include/nv/"), file(t + "include/nv/target"),
           dir(t + "include/thrust/"), file(t + "include/thrust/version.h")}};
}

const PlannedEntry* find_target(const MergePlan& plan, const std::string& target) {
  auto it = std::find_if(plan.entries.begin(), plan.entries.end(),
                         [&](const PlannedEntry& e) { return e.target == target; });
  return it == plan.entries.end() ? nullptr : &*it;
}

ArchiveListing listing(std::string component, std::vector<EntryInfo> entries) {
  return {component, component + ".tar.xz", std::move(entries)};
}

}  // namespace

TEST_CASE("merge plan: the 12.1 compiler set becomes one toolkit tree", "[cuda]") {
  MergePlan plan = plan_merge({cudart_12_1(), nvcc_12_1(), cccl_12_1()});
  CHECK(plan.top_folders == Names{"cuda_cudart-linux-x86_64-12.1.105-archive", "cuda_nvcc-linux-x86_64-12.1.105-archive",
                                  "cuda_cccl-linux-x86_64-12.1.109-archive"});
  const PlannedEntry* nvcc = find_target(plan, "bin/nvcc");
  REQUIRE(nvcc);
  CHECK(nvcc->component == "cuda_nvcc");
  CHECK(nvcc->source == "./cuda_nvcc-linux-x86_64-12.1.105-archive/bin/nvcc");
  CHECK(find_target(plan, "nvvm/libdevice/libdevice.10.bc"));
  CHECK(find_target(plan, "include/nv/target"));
  CHECK(find_target(plan, "lib/stubs/libcuda.so"));
  const PlannedEntry* so = find_target(plan, "lib/libcudart.so.12");
  REQUIRE(so);
  CHECK(so->kind == EntryKind::symlink);
  CHECK(so->link_target == "libcudart.so.12.1.105");

  // Shared directories are planned once, by the first archive that lists them.
  CHECK(std::count_if(plan.entries.begin(), plan.entries.end(), [](const PlannedEntry& e) { return e.target == "include"; }) == 1);
  CHECK(find_target(plan, "include")->component == "cuda_cudart");
  // Each component's LICENSE is kept, apart, instead of colliding.
  CHECK(find_target(plan, "share/doc/cuda_cudart/LICENSE"));
  CHECK(find_target(plan, "share/doc/cuda_nvcc/LICENSE"));
  CHECK(find_target(plan, "share/doc/cuda_cccl/LICENSE"));
  CHECK_FALSE(find_target(plan, "LICENSE"));
  CHECK(plan.collisions.empty());
  // nvcc.profile links with -L$(TOP)/lib64 and -L$(TOP)/lib64/stubs.
  CHECK(plan.links == std::vector<TreeLink>{{"lib64", "lib"}});
  // The stubs directory is on no run-time path.
  CHECK(runtime_library_dirs(plan) == Names{"lib", "nvvm/lib64"});
}

TEST_CASE("merge plan: stubs never reach the run-time library directories", "[cuda]") {
  CHECK(is_in_stubs_dir("lib/stubs/libcuda.so"));
  CHECK(is_in_stubs_dir("targets/x86_64-linux/lib/stubs/libnvidia-ml.so"));
  CHECK_FALSE(is_in_stubs_dir("lib/libstubs.so"));
  CHECK_FALSE(is_in_stubs_dir("stubs"));
  MergePlan stubs_only = plan_merge({listing("cuda_cudart", {dir("t/"), file("t/lib/stubs/libcuda.so")})});
  CHECK(runtime_library_dirs(stubs_only).empty());
  // Static archives and headers make no directory a run-time one.
  MergePlan statics = plan_merge({listing("cuda_cudart", {file("t/lib/libcudart_static.a"), file("t/include/libx.so.h")})});
  CHECK(runtime_library_dirs(statics).empty());
  // Listed without directory entries, lib/ still gets its lib64 link.
  CHECK(statics.links == std::vector<TreeLink>{{"lib64", "lib"}});
}

TEST_CASE("merge plan: lib64 reaches lib", "[cuda]") {
  // An archive laid out with lib64/ (older releases) merges into lib/, its own lib64 link is dropped.
  MergePlan plan = plan_merge({cudart_12_1(), listing("libcufft", {dir("t/"), dir("t/lib64/"), sym("t/lib64/libcufft.so", "libcufft.so.11"),
                                                                  file("t/lib64/libcufft.so.11"), sym("t/lib64", "lib")})});
  CHECK(find_target(plan, "lib/libcufft.so.11"));
  CHECK(find_target(plan, "lib/libcufft.so")->link_target == "libcufft.so.11");
  CHECK_FALSE(find_target(plan, "lib64"));
  CHECK(plan.links == std::vector<TreeLink>{{"lib64", "lib"}});

  CHECK_THAT(error_text([] { plan_merge({listing("x", {sym("t/lib64", "/usr/lib64")})}); }),
             Contains("lib64 is a symlink to \"/usr/lib64\""));
  CHECK_THAT(error_text([] { plan_merge({listing("x", {file("t/lib64")})}); }), Contains("lib64 is a file"));
  // No lib/ at all: no dangling lib64 link.
  CHECK(plan_merge({listing("cuda_nvcc", {file("t/bin/nvcc")})}).links.empty());
}

TEST_CASE("merge plan: one top folder per archive", "[cuda]") {
  CHECK(top_folder_of(cccl_12_1()) == "cuda_cccl-linux-x86_64-12.1.109-archive");
  CHECK(top_folder_of(listing("x", {dir("./"), file("./top/a")})) == "top");
  CHECK_THAT(error_text([] { top_folder_of(listing("x", {file("a/b"), file("c/d")})); }),
             Contains("more than one top folder: \"a\" and \"c\""));
  CHECK_THAT(error_text([] { top_folder_of(listing("x", {file("a/b"), file("README")})); }),
             Contains("\"README\" lies beside the top folder"));
  CHECK_THAT(error_text([] { top_folder_of(listing("x", {})); }), Contains("x.tar.xz is empty"));
  CHECK_THAT(error_text([] { top_folder_of(listing("x", {dir("./")})); }), Contains("is empty"));
  CHECK_THAT(error_text([] { top_folder_of(listing("x", {file("a/../../b")})); }), Contains("unsafe entry name"));
  CHECK_THAT(error_text([] { top_folder_of(listing("x", {file("/a/b")})); }), Contains("absolute"));
}

TEST_CASE("merge plan: the same file from two components is a collision for the executor", "[cuda]") {
  MergePlan plan = plan_merge({listing("libcublas", {file("a/include/cuda_common.h"), file("a/lib/libcublas.so.12")}),
                               listing("libcusparse", {file("b/include/cuda_common.h")}),
                               listing("libcufft", {file("c/include/cuda_common.h")})});
  REQUIRE(plan.collisions.size() == 1);
  const Collision& c = plan.collisions[0];
  CHECK(c.target == "include/cuda_common.h");
  CHECK(c.sources == std::vector<Collision::Source>{{"libcublas", "a/include/cuda_common.h"},
                                                   {"libcusparse", "b/include/cuda_common.h"},
                                                   {"libcufft", "c/include/cuda_common.h"}});
  CHECK(find_target(plan, "include/cuda_common.h")->component == "libcublas");  // the first stays planned
  CHECK_NOTHROW(check_collision(c, true));
  CHECK_THAT(error_text([&] { check_collision(c, false); }),
             Contains("libcublas, libcusparse, libcufft ship different files at include/cuda_common.h"));
}

TEST_CASE("merge plan: conflicts the plan itself refuses", "[cuda]") {
  // A file where another component has a directory, either order.
  CHECK_THAT(error_text([] { plan_merge({listing("a", {dir("a/include/x/")}), listing("b", {file("b/include/x")})}); }),
             Contains("a and b conflict at include/x") && Contains("a directory there, the other a file"));
  CHECK_THAT(error_text([] { plan_merge({listing("a", {file("a/include/x/y.h")}), listing("b", {file("b/include/x")})}); }),
             Contains("where another component has a directory"));
  CHECK_THAT(error_text([] { plan_merge({listing("a", {file("a/include/x")}), listing("b", {file("b/include/x/y.h")})}); }),
             Contains("ships include/x/y.h below include/x") && Contains("a file from a"));
  // Below another component's symlink: writing through it could leave the tree.
  CHECK_THAT(error_text([] { plan_merge({listing("a", {sym("a/share/d", "../include")}), listing("b", {file("b/share/d/f")})}); }),
             Contains("below share/d"));
  // The same symlink twice is fine; different targets are not.
  CHECK_NOTHROW(plan_merge({listing("a", {sym("a/lib/libx.so", "libx.so.1")}), listing("b", {sym("b/lib/libx.so", "libx.so.1")})}));
  CHECK_THAT(error_text([] { plan_merge({listing("a", {sym("a/lib/libx.so", "libx.so.1")}), listing("b", {sym("b/lib/libx.so", "libx.so.2")})}); }),
             Contains("both ship the symlink lib/libx.so, to different targets"));
  // Symlinks stay relative and inside the tree.
  CHECK_THAT(error_text([] { plan_merge({listing("a", {sym("a/lib/libcuda.so", "/usr/lib/libcuda.so")})}); }),
             Contains("must be relative"));
  CHECK_THAT(error_text([] { plan_merge({listing("a", {sym("a/lib/x", "../../etc/passwd")})}); }),
             Contains("outside the merged tree"));
  CHECK_NOTHROW(plan_merge({listing("a", {sym("a/lib/x", "../include/./y")})}));
}

TEST_CASE("merge plan: hard links point at their target's place in the tree", "[cuda]") {
  MergePlan plan = plan_merge({listing("cuda_nvcc", {file("t/lib64/libnvptxcompiler_static.a"),
                                                     {"t/lib64/libcopy.a", EntryKind::hardlink, "t/lib64/libnvptxcompiler_static.a", {}}})});
  CHECK(find_target(plan, "lib/libcopy.a")->link_target == "lib/libnvptxcompiler_static.a");
  CHECK_THAT(error_text([] { plan_merge({listing("x", {file("t/a"), {"t/b", EntryKind::hardlink, "u/a", {}}})}); }),
             Contains("outside the archive's top folder"));
}

TEST_CASE("merge plan: symlinks are resolved through the links placed before and after them", "[cuda]") {
  // include/d2/up -> .. is harmless alone; a link climbing through it leaves the tree although each
  // target, read lexically, stays inside.
  const std::vector<EntryInfo> chained = {dir("t/include/"), dir("t/include/d2/"), sym("t/include/d2/up", ".."),
                                          sym("t/etc", "include/d2/up/d2/up/d2/up/../../../../../outside")};
  CHECK_THAT(error_text([&] { plan_merge({listing("a", chained)}); }), Contains("outside the merged tree"));
  // The same, with the climbing link listed first (list_extracted sorts by name: ".x" < "include").
  const std::vector<EntryInfo> first = {sym("t/a", "include/d2/up/d2/up/../../../x"), dir("t/include/"),
                                        dir("t/include/d2/"), sym("t/include/d2/up", "..")};
  CHECK_THAT(error_text([&] { plan_merge({listing("a", first)}); }), Contains("outside the merged tree"));
  // Through the tree's own lib64 -> lib link.
  CHECK_THAT(error_text([] { plan_merge({listing("a", {file("t/lib/x.so"), sym("t/lib/y", "../lib64/../../z")})}); }),
             Contains("outside the merged tree"));
  // A loop is refused, not followed forever.
  CHECK_THAT(error_text([] { plan_merge({listing("a", {sym("t/a/b", "c"), sym("t/a/c", "b/x")})}); }),
             Contains("loop"));
  // Links that stay inside through other links are fine.
  CHECK_NOTHROW(plan_merge({listing("a", {dir("t/include/"), dir("t/include/d2/"), sym("t/include/d2/up", ".."),
                                          sym("t/include/h", "d2/up/d2/x.h")})}));
}

TEST_CASE("merge plan: .userpkg at the top of the tree is reserved for the install record", "[cuda]") {
  CHECK_THAT(error_text([] { plan_merge({listing("a", {sym("t/.userpkg", "include")})}); }), Contains(".userpkg"));
  CHECK_THAT(error_text([] { plan_merge({listing("a", {dir("t/.userpkg/"), file("t/.userpkg/install.json")})}); }),
             Contains("reserved"));
}
