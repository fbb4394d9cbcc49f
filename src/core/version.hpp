#pragma once
// Version numbers and version constraints as pure values (no I/O).
//   Versions compare part by part: 3.9 < 3.10, 1.1.1 < 1.1.1a < 1.1.1w, 3.13.0rc1 < 3.13.0.
//   Constraints: "3.8" (any 3.8.x), "3.8.18" (that release), "3.8:3.10" (inclusive, 3.10.x
//   included), "3.9:" (at least), ":3.10" (at most), "" (anything).
//   Flavored versions (Miniconda's "py310_23.5.2-0"): a flavor (letters then digits) and '_' before
//   an ordinary version; in the part after the flavor a '-' before a digit starts a new part (the
//   build number: 23.5.2-0 is 23.5.2.0). They order by flavor first (py39 < py310 < py311), then
//   as usual; a version without a flavor sorts before every flavored one. In a constraint a bare
//   flavor ("py310") stands for every version of that flavor.
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

  // "py310" of "py310_23.5.2-0": letters (lowercased) and a number; empty letters: no flavor.
  struct Flavor {
    std::string letters;
    long number = 0;
    auto operator<=>(const Flavor&) const = default;
  };

  Version() = default;
  // Throws Error if text is not a version (must start with a digit, or be flavored: py310_23.5.2-0).
  static Version parse(const std::string& text);
  static std::optional<Version> try_parse(const std::string& text);
  // Like try_parse, but also takes a bare flavor ("py310": no parts), which has_prefix treats as
  // covering every version of that flavor. For constraints only.
  static std::optional<Version> try_parse_prefix(const std::string& text);

  const std::string& str() const { return text_; }
  const std::vector<Part>& parts() const { return parts_; }
  const Flavor& flavor() const { return flavor_; }
  bool is_prerelease() const;
  // True if this version lies "under" prefix: 3.8.18 under 3.8, 1.1.1w under 1.1.1.
  bool has_prefix(const Version& prefix) const;

  std::strong_ordering operator<=>(const Version& other) const;
  bool operator==(const Version& other) const { return (*this <=> other) == 0; }

 private:
  static std::optional<Version> parse_version(const std::string& text, bool bare_flavor_ok);

  std::string text_;
  Flavor flavor_;
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
