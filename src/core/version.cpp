#include "core/version.hpp"

#include <cctype>

#include "util/error.hpp"
#include "util/strings.hpp"

namespace userpkg {
namespace {

bool is_pre_tag(const std::string& tag, bool followed_by_digit) {
  if (tag == "rc" || tag == "alpha" || tag == "beta" || tag == "pre" || tag == "dev") return true;
  // "3.13.0a1" is an alpha, but OpenSSL's "1.1.1a" is a later release: only a/b with a number count.
  return (tag == "a" || tag == "b" || tag == "c") && followed_by_digit;
}

std::optional<Version::Part> parse_part(const std::string& text) {
  std::size_t i = 0;
  Version::Part part;
  if (text.empty() || !std::isdigit(static_cast<unsigned char>(text[0]))) return std::nullopt;
  while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) {
    if (i > 15) return std::nullopt;
    part.number = part.number * 10 + (text[i] - '0');
    ++i;
  }
  std::size_t tag_start = i;
  while (i < text.size() && std::isalpha(static_cast<unsigned char>(text[i]))) ++i;
  part.suffix = text.substr(tag_start, i - tag_start);
  for (auto& c : part.suffix) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  std::size_t num_start = i;
  while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) {
    if (i - num_start > 15) return std::nullopt;
    part.suffix_number = part.suffix_number * 10 + (text[i] - '0');
    ++i;
  }
  if (i != text.size()) return std::nullopt;
  if (!part.suffix.empty()) part.rank = is_pre_tag(part.suffix, num_start != i) ? -1 : 1;
  if (part.suffix.empty() && num_start != i) return std::nullopt;  // "1.2 3" style garbage
  return part;
}

bool parse_parts(const std::string& text, std::vector<Version::Part>& out) {
  for (auto& piece : split(text, '.')) {
    // "3.13.0-rc1" style: a dash glues a suffix onto the part before it.
    std::string joined = replace_all(replace_all(piece, "-", ""), "_", "");
    auto part = parse_part(joined);
    if (!part) return false;
    out.push_back(*part);
  }
  return true;
}

struct LeadingFlavor {
  Version::Flavor flavor;
  std::size_t length = 0;  // of the flavor and its '_', or of the whole text for a bare flavor
};

// "py310_…" (or a bare "py310"): letters, then digits, then '_' or the end. Anything else has no
// flavor, so versions that start with a digit never get one.
std::optional<LeadingFlavor> leading_flavor(const std::string& text) {
  std::size_t i = 0;
  while (i < text.size() && std::isalpha(static_cast<unsigned char>(text[i]))) ++i;
  std::size_t digits = i;
  while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) ++i;
  if (digits == 0 || i == digits || i - digits > 15) return std::nullopt;
  LeadingFlavor out;
  for (std::size_t k = 0; k < digits; ++k)
    out.flavor.letters += static_cast<char>(std::tolower(static_cast<unsigned char>(text[k])));
  out.flavor.number = std::stol(text.substr(digits, i - digits));
  if (i == text.size()) {
    out.length = i;
    return out;
  }
  if (text[i] != '_' || i + 1 == text.size()) return std::nullopt;
  out.length = i + 1;
  return out;
}

// In a flavored version, "23.5.2-0": the build number after '-' is a part of its own (23.5.2.0),
// so 23.5.2 covers it and 23.5.2-1 < 23.5.10-0. A '-' before letters ("-rc1") keeps gluing.
std::string build_number_as_part(std::string text) {
  for (std::size_t i = 0; i + 1 < text.size(); ++i)
    if (text[i] == '-' && std::isdigit(static_cast<unsigned char>(text[i + 1]))) text[i] = '.';
  return text;
}

}  // namespace

std::optional<Version> Version::try_parse(const std::string& text) { return parse_version(text, false); }

std::optional<Version> Version::try_parse_prefix(const std::string& text) { return parse_version(text, true); }

std::optional<Version> Version::parse_version(const std::string& text, bool bare_flavor_ok) {
  if (text.empty()) return std::nullopt;
  Version v;
  v.text_ = text;
  std::string rest = text;
  if (auto flavor = leading_flavor(text)) {
    v.flavor_ = flavor->flavor;
    if (flavor->length == text.size()) return bare_flavor_ok ? std::optional<Version>(v) : std::nullopt;
    rest = build_number_as_part(text.substr(flavor->length));
  }
  if (!parse_parts(rest, v.parts_)) return std::nullopt;
  return v;
}

Version Version::parse(const std::string& text) {
  auto v = try_parse(text);
  if (!v) throw Error("'" + text + "' is not a version", "versions look like 3.11.2, 1.1.1w, 3.13.0rc1 or (Miniconda) py310_23.5.2-0");
  return *v;
}

bool Version::is_prerelease() const {
  for (auto& p : parts_)
    if (p.rank < 0) return true;
  return false;
}

bool Version::has_prefix(const Version& prefix) const {
  if (flavor_ != prefix.flavor_) return false;
  if (prefix.parts_.size() > parts_.size()) return false;
  for (std::size_t i = 0; i < prefix.parts_.size(); ++i) {
    const Part& want = prefix.parts_[i];
    const Part& have = parts_[i];
    bool last = i + 1 == prefix.parts_.size();
    if (want == have) continue;
    // "1.1.1" covers "1.1.1w" (a post-release letter), but "3.13.0" does not cover "3.13.0rc1".
    if (last && want.rank == 0 && want.suffix.empty() && have.number == want.number && have.rank > 0) continue;
    return false;
  }
  return true;
}

std::strong_ordering Version::operator<=>(const Version& other) const {
  if (auto c = flavor_ <=> other.flavor_; c != 0) return c;
  std::size_t n = std::max(parts_.size(), other.parts_.size());
  for (std::size_t i = 0; i < n; ++i) {
    Part a = i < parts_.size() ? parts_[i] : Part{};
    Part b = i < other.parts_.size() ? other.parts_[i] : Part{};
    if (auto c = a.number <=> b.number; c != 0) return c;
    if (auto c = a.rank <=> b.rank; c != 0) return c;
    if (auto c = a.suffix <=> b.suffix; c != 0) return c;
    if (auto c = a.suffix_number <=> b.suffix_number; c != 0) return c;
  }
  return std::strong_ordering::equal;
}

VersionConstraint VersionConstraint::parse(const std::string& text) {
  VersionConstraint c;
  c.text_ = text;
  if (text.empty()) return c;
  auto bad = [&](const std::string& why) {
    return Error("'" + text + "' is not a version constraint", why,
                 "write 3.8 (any 3.8.x), 3.8.18 (exact), 3.8:3.10 (range), 3.9: or :3.10 (Miniconda: py310, "
                 "py310_23.5.2-0)");
  };
  auto colon = text.find(':');
  if (colon == std::string::npos) {
    auto v = Version::try_parse_prefix(text);
    if (!v) throw bad("'" + text + "' is not a version");
    c.low_ = c.high_ = *v;
    return c;
  }
  if (text.find(':', colon + 1) != std::string::npos) throw bad("more than one ':'");
  std::string lo = text.substr(0, colon), hi = text.substr(colon + 1);
  if (lo.empty() && hi.empty()) return c;
  if (!lo.empty()) {
    c.low_ = Version::try_parse_prefix(lo);
    if (!c.low_) throw bad("'" + lo + "' is not a version");
  }
  if (!hi.empty()) {
    c.high_ = Version::try_parse_prefix(hi);
    if (!c.high_) throw bad("'" + hi + "' is not a version");
  }
  if (c.low_ && c.high_ && *c.high_ < *c.low_ && !c.high_->has_prefix(*c.low_))
    throw bad("the lower bound is above the upper bound");
  return c;
}

bool VersionConstraint::matches(const Version& v) const {
  if (low_ && high_ && *low_ == *high_ && text_.find(':') == std::string::npos) return v.has_prefix(*low_);
  if (low_ && v < *low_ && !v.has_prefix(*low_)) return false;
  if (high_ && v > *high_ && !v.has_prefix(*high_)) return false;
  return true;
}

}  // namespace userpkg
