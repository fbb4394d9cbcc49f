#include "ops/package_kind.hpp"

namespace userpkg {

KindInstaller prebuilt_kind(const std::string& system) {
  if (system == "cuda-redist") return install_cuda_redist;
  if (system == "installer") return install_with_installer;
  if (system == "pip") return install_pip;
  if (system == "pytorch") return install_pytorch;
  return nullptr;
}

}  // namespace userpkg
