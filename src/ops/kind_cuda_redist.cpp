#include "ops/package_kind.hpp"
#include "util/error.hpp"

namespace userpkg {

KindOutcome install_cuda_redist(const KindInstall& in) {
  throw Error("cannot install " + in.package.name() + ": its kind of package is not implemented yet", "",
              "install it by hand for now");
}

}  // namespace userpkg
