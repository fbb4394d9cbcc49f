#include "ops/reused_recipe_check.hpp"

#include "prefix/install_record.hpp"
#include "util/error.hpp"

namespace userpkg {

void warn_reused_from_other_repo(const Plan& plan, const PrefixLayout& layout, Reporter& reporter) {
  for (const PlannedPackage& p : plan.packages) {
    if (p.action != Action::Reuse || !p.version) continue;
    const std::string version = p.version->version.str();
    InstallRecord record;
    try {
      record = read_record(layout.record_path(p.name(), version));
    } catch (const Error&) {
      continue;  // damaged records are doctor's business
    }
    if (record.recipe_repo.empty() || record.recipe_repo == p.recipe->repo) continue;
    reporter.warn(p.name() + " " + version + " stays as installed from the " + record.recipe_repo +
                  " repository's recipe; the recipe now chosen is " + p.recipe->repo + "'s (" + p.recipe->origin +
                  "). To build it from that recipe: `userpkg uninstall " + p.name() + "@" + version +
                  "`, then install it again");
  }
}

}  // namespace userpkg
