#pragma once
// Finding a version number in free text ("autoconf (GNU Autoconf) 2.71", "OpenSSL 3.0.19 27 Jan 2026").
#include <optional>
#include <string_view>

#include "core/version.hpp"

namespace userpkg {

// The first dotted number (at least two parts) in text, with a letter suffix glued to it kept
// ("1.1.1w", "3.13.0rc1"). Plain numbers ("GNU Make 4" has none) do not count: a bare "27"
// is as likely a date as a version.
std::optional<Version> first_dotted_version(std::string_view text);

}  // namespace userpkg
