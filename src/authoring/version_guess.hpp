#pragma once
// Guessing a release's version and the recipe's URL template from a download URL (pure).
//   https://example.org/dl/v1.2.3/foo-1.2.3.tar.gz -> 1.2.3, https://example.org/dl/v{version}/foo-{version}.tar.gz
// (The file name of a URL: url_file_name in wheel/url.hpp.)
#include <optional>
#include <string>
#include <string_view>

namespace userpkg {

// The file name without its archive or installer extension (.tar.gz, .tgz, .tar.xz, .zip, .sh, …).
std::string strip_archive_extension(std::string_view file_name);

// The version in a file name: the first dotted number (1.2.3, 3.12.0rc1, 1.1.1w, 2.45.2), or a
// plain number straight after "<name>-"/"<name>_" (foo-7.tar.gz). nullopt when there is none.
std::optional<std::string> guess_version(std::string_view file_name, std::string_view recipe_name);

// The URL with each whole occurrence of `version` in its path replaced by {version}.
std::string url_template(const std::string& url, const std::string& version);

}  // namespace userpkg
