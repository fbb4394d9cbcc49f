#include "doctor/doctor.hpp"

#include <unistd.h>

#include "doctor/conda_check.hpp"
#include "doctor/disk_check.hpp"
#include "doctor/gpu_check.hpp"
#include "doctor/library_check.hpp"
#include "doctor/path_check.hpp"
#include "doctor/prefix_check.hpp"
#include "doctor/proxy_check.hpp"
#include "doctor/startup_files.hpp"

namespace userpkg {

Report run_doctor(const DoctorInput& input) {
  Report report;
  const std::vector<StartupText> startup = read_startup_files(input.home, input.zdotdir);

  report.checks.push_back({"path", check_path(gather_path_facts(input.layout, input.env))});

  LibraryFacts libraries = gather_library_facts(input.layout, input.env, startup, input.home.string());
  report.checks.push_back({"ld-library-path", check_ld_library_path(libraries)});
  report.checks.push_back({"libraries", check_program_libraries(libraries)});

  report.checks.push_back({"prefix", check_prefix_state(gather_prefix_facts(input.layout))});
  report.checks.push_back({"disk", check_disk(gather_disk_facts(input.layout))});
  report.checks.push_back(
      {"proxy", check_proxies({gather_proxy_facts(input.env, input.proxy_timeout_ms), startup, input.home.string()})});

  CondaFacts conda{startup, input.home, ::access((input.layout.bin_link() / "python3").c_str(), X_OK) == 0};
  report.checks.push_back({"conda", check_conda(conda)});
  report.checks.push_back({"gpu", check_gpu(gather_gpu_facts(input.env))});
  return report;
}

}  // namespace userpkg
