#pragma once
// A PyTorch-style index page made up for tests and the bench: torch 2.<m>.<p>+cu121 for
// m = 0, 1, …, p = 0, 1; each version has cp39–cp313 wheels for x86_64 and aarch64, ten per
// version. From 2.6 on the x86_64 wheels are manylinux_2_28 (glibc 2.28, as real torch >= 2.6
// CUDA wheels); before, linux_x86_64. Hrefs alternate between absolute paths and "../../" forms.
#include <cstdio>
#include <string>

namespace userpkg::test {

inline std::string generated_torch_page(int entries) {
  std::string html = "<!DOCTYPE html>\n<html>\n  <body>\n    <h1>Links for torch</h1>\n";
  int n = 0;
  for (int m = 0; n < entries; ++m) {
    for (int p = 0; p < 2 && n < entries; ++p) {
      for (int arch = 0; arch < 2 && n < entries; ++arch) {
        for (int py = 9; py <= 13 && n < entries; ++py, ++n) {
          std::string platform = arch == 1 ? "manylinux_2_28_aarch64" : m >= 6 ? "manylinux_2_28_x86_64" : "linux_x86_64";
          std::string tag = "cp3" + std::to_string(py);
          std::string stem = "torch-2." + std::to_string(m) + "." + std::to_string(p);
          std::string tail = "-" + tag + "-" + tag + "-" + platform + ".whl";
          char sha[65];
          std::snprintf(sha, sizeof sha, "%064x", static_cast<unsigned>(n) * 2654435761u);
          std::string href = (n % 2 == 0 ? "/whl/cu121/" : "../../cu121/") + stem + "%2Bcu121" + tail;
          html += "    <a href=\"" + href + "#sha256=" + sha + "\" data-dist-info-metadata=\"sha256=" + sha +
                  "\" data-core-metadata=\"sha256=" + sha + "\">" + stem + "+cu121" + tail + "</a><br/>\n";
        }
      }
    }
  }
  return html + "  </body>\n</html>\n";
}

inline const char* generated_page_url = "https://download.pytorch.org/whl/cu121/torch/";

}  // namespace userpkg::test
