#pragma once
// Version numbers and version constraints as pure values (no I/O).
//   Versions compare part by part: 3.9 < 3.10, 1.1.1 < 1.1.1a < 1.1.1w, 3.13.0rc1 < 3.13.0.
//   Constraints: "3.8" (any 3.8.x), "3.8.18" (that release), "3.8:3.10" (inclusive, 3.10.x
//   included), "3.9:" (at least), ":3.10" (at most), "" (anything).
#include <compare>
#include <optional>
#include <string>
#include <vector>

namespace userpkg {

class Version {
 public:
  struct Part {
    long number = 0;
    int rank = 0;        // -1: pre-release suffix (rc1, a2, beta), 0: none, 1: post suffix (1.1.1w)
    std::string suffix;  // letters of the suffix
    long suffix_number = 0;
    auto operator<=>(const Part&) const = default;
  };

  Version() = default;
  // Throws Error if text is not a version (must start with a digit).
  static Version parse(const std::string& text);
  static std::optional<Version> try_parse(const std::string& text);

  const std::string& str() const { return text_; }
  const std::vector<Part>& parts() const { return parts_; }
  bool is_prerelease() const;
  // True if this version lies "under" prefix: 3.8.18 under 3.8, 1.1.1w under 1.1.1.
  bool has_prefix(const Version& prefix) const;

  std::strong_ordering operator<=>(const Version& other) const;
  bool operator==(const Version& other) const { return (*this <=> other) == 0; }

 private:
  std::string text_;
  std::vector<Part> parts_;
};

class VersionConstraint {
 public:
  VersionConstraint() = default;  // matches every version
  static VersionConstraint parse(const std::string& text);  // throws Error

  bool matches(const Version& v) const;
  bool is_any() const { return !low_ && !high_; }
  const std::string& str() const { return text_; }

 private:
  std::string text_;
  std::optional<Version> low_;   // inclusive
  std::optional<Version> high_;  // inclusive, including everything under it (3.10 → 3.10.x)
};

}  // namespace userpkg
