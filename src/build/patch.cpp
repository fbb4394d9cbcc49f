#include "build/patch.hpp"

#include "fetch/sha256.hpp"
#include "util/error.hpp"
#include "util/fs.hpp"
#include "util/process.hpp"

namespace userpkg {

std::vector<const Patch*> active_patches(const BuildRequest& req) {
  std::vector<const Patch*> out;
  for (auto& p : req.recipe->patches)
    if (condition_holds(p.condition, req.version->version, req.deps)) out.push_back(&p);
  return out;
}

void apply_patches(const BuildRequest& req, const StepRunner& runner) {
  auto patches = active_patches(req);
  if (patches.empty()) return;
  if (!req.read_patch) throw Error("internal error: no way to read patches for " + req.recipe->name);
  if (find_program("patch", runner.env.get("PATH").value_or("")).empty())
    throw Error("cannot patch the source of " + runner.package, "the program 'patch' is not on PATH",
                "install it (Debian/Ubuntu: apt-get install patch; RHEL: dnf install patch)");

  // Patches go to a scratch file outside the source tree, so none of them ends up installed.
  if (req.scratch_dir.empty()) throw Error("internal error: patch request without a scratch directory");
  ScopedDir scratch(make_unique_dir(req.scratch_dir, "patches"));
  for (const Patch* p : patches) {
    std::string content = req.read_patch(p->file);
    std::string actual = sha256_hex(content);
    if (actual != p->sha256)
      throw Error("patch " + p->file + " for " + runner.package + " does not match its sha256",
                  "expected " + p->sha256 + ", got " + actual,
                  "the recipe (" + req.recipe->origin + ") and the patch file disagree: restore the patch, or "
                  "put its new sha256 in the recipe if the change is intended");
    auto file = scratch.path() / "current.patch";
    write_file_atomic(file, content);
    runner.run("patch " + p->file, {"patch", "-p1", "--batch", "--forward", "-i", file.string()});
  }
}

}  // namespace userpkg
