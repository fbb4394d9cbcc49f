#include "torch/variant_choice.hpp"

#include <algorithm>

#include "platform/cuda_driver_table.hpp"
#include "util/error.hpp"
#include "util/strings.hpp"

namespace userpkg {
namespace {

bool all_digits(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string torch_minor_text(const Version& torch) { return "torch " + major_minor(torch).str(); }

std::string listed(const std::vector<std::string>& variants) { return join(variants, ", "); }

// The driver can run CUDA `cuda` when the newest CUDA it supports is at least that major.minor.
bool driver_runs(const NvidiaDriver& driver, const Version& cuda) {
  return driver.present && driver.max_cuda && major_minor(*driver.max_cuda) >= major_minor(cuda);
}

VariantChoice choose_auto(const Version& torch, const std::vector<std::string>& published,
                          const NvidiaDriver& driver) {
  const std::string what = torch_minor_text(torch);
  if (!driver.present)
    return {"cpu", "no NVIDIA driver found (" + describe_driver(driver) + "), so the CPU build of " + what, {}};
  if (!driver.max_cuda)
    return {"cpu",
            describe_driver(driver) + " is older than CUDA 11.0, so the CPU build of " + what,
            {"a newer NVIDIA driver would allow a CUDA build of " + what + " (" + listed(published) + ")"}};
  for (const std::string& v : published)  // newest CUDA first
    if (auto cuda = variant_cuda(v); cuda && driver_runs(driver, *cuda))
      return {v, "the newest CUDA build of " + what + " that " + describe_driver(driver) + " can run", {}};
  const std::optional<Version> newest = published.empty() ? std::nullopt : variant_cuda(published.front());
  if (!newest) return {"cpu", what + " has no CUDA build", {}};
  return {"cpu",
          describe_driver(driver) + " is too old for every CUDA build of " + what + " (" + listed(published) +
              "), so its CPU build",
          {"a driver supporting CUDA " + newest->str() + " or newer would allow " + published.front()}};
}

}  // namespace

std::optional<Version> variant_cuda(std::string_view variant) {
  if (variant == "cpu") return std::nullopt;
  // cu + major (2 digits) + minor (1 digit): cu92 (9.2) predates CUDA 11 and is refused here too.
  if (variant.size() == 5 && variant.starts_with("cu") && all_digits(variant.substr(2)))
    return Version::parse(std::string(variant.substr(2, 2)) + "." + std::string(variant.substr(4)));
  throw Error("--cuda " + std::string(variant) + " is not a PyTorch variant userpkg knows",
              "the variants are cpu and cuXYZ for CUDA X.Y Z (cu118 = CUDA 11.8, cu121 = CUDA 12.1); ROCm and "
              "other builds are not chosen by userpkg",
              "give --cuda auto (match the NVIDIA driver), --cuda cpu, or --cuda cu121");
}

VariantChoice choose_variant(std::string_view request, const Version& torch,
                             const std::optional<std::vector<std::string>>& published, const NvidiaDriver& driver,
                             bool force) {
  const std::string what = torch_minor_text(torch);
  if (request.empty() || request == "auto") {
    if (!published)
      throw Error("cannot choose a variant of torch " + torch.str() + " for --cuda auto",
                  "userpkg's table of PyTorch releases (src/torch/release_matrix.cpp) does not list " + what,
                  "name the variant: --cuda cpu, or --cuda cuXYZ as published on the index (e.g. cu126)");
    return choose_auto(torch, *published, driver);
  }
  const std::optional<Version> cuda = variant_cuda(request);  // throws for a malformed request
  const std::string variant(request);
  VariantChoice choice{variant, "asked for with --cuda " + variant, {}};

  if (!published) {
    choice.notes.push_back("userpkg's table does not list " + what + "; the index decides whether " + variant +
                           " exists");
  } else if (std::find(published->begin(), published->end(), variant) == published->end()) {
    if (!force)
      throw Error("torch " + torch.str() + " has no " + variant + " build",
                  "PyTorch publishes " + what + " as " + listed(*published),
                  "give --cuda " + published->front() + " (or --cuda auto); --force tries the index anyway");
    choice.notes.push_back("PyTorch's release matrix lists no " + variant + " build of " + what +
                           "; trying the index anyway (--force)");
  }
  if (!cuda) return choice;  // cpu runs everywhere

  if (!driver.present) {
    choice.notes.push_back("no NVIDIA driver here (" + describe_driver(driver) + "): this " + variant +
                           " build installs, but uses a GPU only on a machine with a driver for CUDA " +
                           cuda->str());
  } else if (!driver_runs(driver, *cuda)) {
    std::string why = driver_too_old_message(*cuda, driver.driver_version, driver.max_cuda);
    if (!force) {
      std::string hint = "give --cuda auto (picks ";
      hint += choose_auto(torch, published.value_or(std::vector<std::string>{"cpu"}), driver).variant;
      hint += " here), ask the administrator for a newer driver, or --force to install it anyway";
      throw Error("the " + variant + " build of torch " + torch.str() + " cannot use this machine's GPU", why, hint);
    }
    choice.notes.push_back(why + ": torch will not see the GPU until the driver is updated (--force)");
  }
  return choice;
}

}  // namespace userpkg
