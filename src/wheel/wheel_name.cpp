#include "wheel/wheel_name.hpp"

#include <cctype>

#include "util/error.hpp"

namespace userpkg {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Why name is not a wheel file name; empty when it is one (then out is filled).
std::string parse_into(std::string_view name, WheelName& out) {
  constexpr std::string_view suffix = ".whl";
  if (name.size() <= suffix.size() || name.substr(name.size() - suffix.size()) != suffix)
    return "it does not end in .whl";
  std::string_view stem = name.substr(0, name.size() - suffix.size());
  // PEP 427 names hold letters, digits and . _ + ! - only: never a path ('/', "..") or NUL.
  for (char c : stem) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || is_digit(c) || c == '.' || c == '_' || c == '+' ||
              c == '!' || c == '-';
    if (!ok) {
      static constexpr char hex[] = "0123456789abcdef";
      auto u = static_cast<unsigned char>(c);
      return std::string("it holds the character 0x") + hex[u >> 4] + hex[u & 15] +
             "; a wheel name has only letters, digits and . _ + ! -";
    }
  }
  if (stem.find("..") != std::string_view::npos) return "it holds '..'";
  std::vector<std::string_view> fields;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= stem.size(); ++i) {
    if (i == stem.size() || stem[i] == '-') {
      fields.push_back(stem.substr(start, i - start));
      start = i + 1;
    }
  }
  if (fields.size() != 5 && fields.size() != 6)
    return "it has " + std::to_string(fields.size()) +
           " dash-separated fields; a wheel has name-version(-build)-python-abi-platform";
  for (auto f : fields)
    if (f.empty()) return "it has an empty field";
  if (fields.size() == 6 && !is_digit(fields[2][0])) return "its build tag does not start with a digit";

  out.file_name = std::string(name);
  out.distribution = normalize_project_name(fields[0]);
  out.version_text = std::string(fields[1]);
  std::string_view version = fields[1];
  if (auto plus = version.find('+'); plus != std::string_view::npos) {
    out.local = std::string(version.substr(plus + 1));
    version = version.substr(0, plus);
    if (out.local.empty()) return "its version has an empty local label after '+'";
  }
  auto public_version = pep440_public_version(version);
  if (!public_version) return "'" + std::string(fields[1]) + "' is not a version";
  out.version = *public_version;
  out.build = fields.size() == 6 ? std::string(fields[2]) : std::string();

  auto tag_set = [](std::string_view field, std::vector<std::string>& tags) {
    std::size_t from = 0;
    for (std::size_t i = 0; i <= field.size(); ++i) {
      if (i == field.size() || field[i] == '.') {
        if (i == from) return false;  // "cp38..cp39" or a leading/trailing dot
        tags.emplace_back(field.substr(from, i - from));
        from = i + 1;
      }
    }
    return true;
  };
  std::size_t t = fields.size() - 3;
  if (!tag_set(fields[t], out.python_tags) || !tag_set(fields[t + 1], out.abi_tags) ||
      !tag_set(fields[t + 2], out.platform_tags))
    return "one of its tag sets has an empty tag";
  return {};
}

}  // namespace

std::optional<Version> pep440_public_version(std::string_view text) {
  if (text.empty() || !is_digit(text[0])) return std::nullopt;
  std::string joined;
  joined.reserve(text.size());
  // A dot before a letter ("2.6.0.dev2024", "1.0.post1") glues the letters onto the number before.
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '.' && i + 1 < text.size() && std::isalpha(static_cast<unsigned char>(text[i + 1])))
      continue;
    joined += text[i];
  }
  return Version::try_parse(joined);
}

std::string normalize_project_name(std::string_view name) {
  std::string out;
  out.reserve(name.size());
  bool in_separator = false;
  for (char c : name) {
    if (c == '-' || c == '_' || c == '.') {
      in_separator = true;
      continue;
    }
    if (in_separator && !out.empty()) out += '-';
    in_separator = false;
    out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

std::optional<WheelName> try_parse_wheel_name(std::string_view file_name) {
  WheelName name;
  if (!parse_into(file_name, name).empty()) return std::nullopt;
  return name;
}

WheelName parse_wheel_name(std::string_view file_name) {
  WheelName name;
  std::string why = parse_into(file_name, name);
  if (!why.empty())
    throw Error("'" + std::string(file_name) + "' is not a wheel file name", why,
                "wheel files are named like torch-2.1.0+cu121-cp310-cp310-linux_x86_64.whl (PEP 427)");
  return name;
}

}  // namespace userpkg
