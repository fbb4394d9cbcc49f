#pragma once
// Symbol version names (GLIBCXX_3.4.30, CXXABI_1.3.13, GCC_12.0.0, GLIBC_2.34) as values:
// which of the versions an object needs a library lacks, and the newest one a library has.
#include <optional>
#include <string>
#include <vector>

namespace userpkg {

// The versions in `needed` that are not in `defined`, in the order of `needed`.
std::vector<std::string> missing_versions(const std::vector<std::string>& needed, const std::vector<std::string>& defined);

// The family of a version name: "GLIBCXX_3.4.30" -> "GLIBCXX" (text before the last '_' that is
// followed by a digit); "" if the name has no numbered part.
std::string version_family(const std::string& name);

// True if a's number is lower than b's, comparing dot-separated numbers ("3.4.9" < "3.4.30").
bool version_name_less(const std::string& a, const std::string& b);

// The newest version of `family` in `defined` ("GLIBCXX" -> "GLIBCXX_3.4.28"); nullopt if none.
std::optional<std::string> newest_in_family(const std::vector<std::string>& defined, const std::string& family);

}  // namespace userpkg
