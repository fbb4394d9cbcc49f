#pragma once
// Applying a recipe's patches to the extracted source: each one whose condition holds is read,
// checked against its sha256, and applied with the system's `patch -p1 --batch --forward`.
#include "build/build_request.hpp"
#include "build/build_step.hpp"

namespace userpkg {

// The patches of req's recipe whose condition holds, in recipe order.
std::vector<const Patch*> active_patches(const BuildRequest& req);

// Throws Error (sha256 mismatch, no `patch` program) or BuildFailed (the patch does not apply).
void apply_patches(const BuildRequest& req, const StepRunner& runner);

}  // namespace userpkg
