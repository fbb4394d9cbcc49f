#include "wheel/simple_index.hpp"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "util/error.hpp"
#include "util/input_limits.hpp"
#include "util/strings.hpp"
#include "wheel/html_text.hpp"
#include "wheel/url.hpp"

namespace userpkg {
namespace {

constexpr std::string_view json_type = "application/vnd.pypi.simple.v1+json";
constexpr std::string_view json_latest_type = "application/vnd.pypi.simple.latest+json";

char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

std::string to_lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = lower(c);
  return out;
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (lower(a[i]) != lower(b[i])) return false;
  return true;
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

bool is_hex64(std::string_view s) {
  if (s.size() != 64) return false;
  for (char c : s)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) return false;
  return true;
}

// "sha256=<64 hex>" → the lower-case hex; empty for any other hash or a malformed one, so the file
// counts as unverified rather than trusted on a hash that cannot be checked.
std::string sha256_from(std::string_view name_equals_value) {
  auto eq = name_equals_value.find('=');
  if (eq == std::string_view::npos || !iequals(name_equals_value.substr(0, eq), "sha256")) return {};
  std::string_view hex = name_equals_value.substr(eq + 1);
  return is_hex64(hex) ? to_lower(hex) : std::string();
}

// The value of "sha256=<value>" when it is not 64 hex digits (then sha256_from gave nothing).
std::string malformed_sha256_from(std::string_view name_equals_value) {
  auto eq = name_equals_value.find('=');
  if (eq == std::string_view::npos || !iequals(name_equals_value.substr(0, eq), "sha256")) return {};
  std::string_view hex = name_equals_value.substr(eq + 1);
  return is_hex64(hex) ? std::string() : std::string(hex.empty() ? "(empty)" : hex.substr(0, 4096));
}

// Where the closing </a> (any case) at or after from starts; npos if there is none.
std::size_t find_anchor_end(std::string_view html, std::size_t from) {
  for (std::size_t i = html.find("</", from); i != std::string_view::npos; i = html.find("</", i + 1)) {
    if (i + 3 < html.size() && lower(html[i + 2]) == 'a' && (html[i + 3] == '>' || is_space(html[i + 3])))
      return i;
  }
  return std::string_view::npos;
}

// One attribute of a tag, pointing into the page: decoding (entities) happens only for the few
// attributes read, so the metadata hashes on every anchor cost no copies.
struct Attribute {
  std::string_view name;  // as written; compared case-insensitively
  std::string_view raw_value;
  bool has_value = false;
  std::string value() const { return decode_html_entities(raw_value); }
};

// The attributes of the tag whose name ends at pos, into attributes (cleared first, so one vector
// serves the whole page); pos ends past the tag's '>'.
void read_attributes(std::string_view html, std::size_t& pos, std::vector<Attribute>& attributes) {
  attributes.clear();
  while (pos < html.size()) {
    while (pos < html.size() && (is_space(html[pos]) || html[pos] == '/')) ++pos;
    if (pos >= html.size()) break;
    if (html[pos] == '>') {
      ++pos;
      break;
    }
    std::size_t name_start = pos;
    while (pos < html.size() && !is_space(html[pos]) && html[pos] != '=' && html[pos] != '>' && html[pos] != '/')
      ++pos;
    Attribute attribute;
    attribute.name = html.substr(name_start, pos - name_start);
    while (pos < html.size() && is_space(html[pos])) ++pos;
    if (pos < html.size() && html[pos] == '=') {
      ++pos;
      while (pos < html.size() && is_space(html[pos])) ++pos;
      std::size_t value_start = pos, value_end;
      if (pos < html.size() && (html[pos] == '"' || html[pos] == '\'')) {
        char quote = html[pos];
        value_start = pos + 1;
        value_end = html.find(quote, value_start);
        if (value_end == std::string_view::npos) value_end = html.size();  // a truncated page
        pos = std::min(value_end + 1, html.size());
      } else {
        while (pos < html.size() && !is_space(html[pos]) && html[pos] != '>') ++pos;
        value_end = pos;
      }
      attribute.raw_value = html.substr(value_start, value_end - value_start);
      attribute.has_value = true;
    }
    if (!attribute.name.empty()) attributes.push_back(attribute);
  }
}

const Attribute* find_attribute(const std::vector<Attribute>& attributes, std::string_view name) {
  for (auto& a : attributes)
    if (iequals(a.name, name)) return &a;
  return nullptr;
}

void read_metadata_attribute(const Attribute& attribute, IndexFile& file) {
  std::string value = attribute.value();
  if (value == "false") return;
  file.has_metadata = true;
  file.metadata_sha256 = sha256_from(value);
}

IndexFile file_from_anchor(const std::vector<Attribute>& attributes, std::string_view text,
                           std::string_view base_url) {
  IndexFile file;
  const Attribute* href = find_attribute(attributes, "href");
  std::string absolute = resolve_url(base_url, trim(href->value()));
  file.url = std::string(url_without_fragment(absolute));
  file.sha256 = sha256_from(url_fragment(absolute));
  if (file.sha256.empty()) file.bad_sha256 = malformed_sha256_from(url_fragment(absolute));
  file.file_name = url_file_name(file.url);
  if (file.file_name.empty()) file.file_name = std::string(trim(decode_html_entities(text)));
  if (auto* a = find_attribute(attributes, "data-requires-python")) file.requires_python = a->value();
  if (auto* a = find_attribute(attributes, "data-yanked")) {
    file.yanked = true;
    file.yanked_reason = a->value();
  }
  // PEP 714 renamed data-dist-info-metadata to data-core-metadata; the new name wins.
  if (auto* a = find_attribute(attributes, "data-core-metadata")) read_metadata_attribute(*a, file);
  else if (auto* b = find_attribute(attributes, "data-dist-info-metadata")) read_metadata_attribute(*b, file);
  return file;
}

Error page_error(std::string_view page_url, std::string why) {
  return Error("cannot read the package index page " + std::string(page_url), std::move(why),
               "check the index URL (--torch-index / --index-url); a simple index serves PEP 503 HTML or "
               "PEP 691 JSON");
}

}  // namespace

IndexFormat index_format(std::string_view content_type, std::string_view body) {
  std::string type = to_lower(trim(content_type.substr(0, content_type.find(';'))));
  if (type.empty()) {
    std::string_view start = trim(body.substr(0, 64));
    return !start.empty() && start[0] == '{' ? IndexFormat::json : IndexFormat::html;
  }
  if (type == json_type || type == json_latest_type) return IndexFormat::json;
  if (type == "text/html" || type == "application/xhtml+xml" || type == "application/vnd.pypi.simple.v1+html" ||
      type == "application/vnd.pypi.simple.latest+html")
    return IndexFormat::html;
  if (type.rfind("application/vnd.pypi.simple.", 0) == 0)
    throw Error("the package index answered in a format userpkg cannot read (" + type + ")",
                "userpkg reads PEP 503 HTML and PEP 691 JSON version 1",
                "ask the index for text/html or " + std::string(json_type));
  throw Error("the package index answered with Content-Type " + type + ", not an index page",
              "a simple index page is text/html (PEP 503) or " + std::string(json_type) + " (PEP 691)",
              "check the index URL: it should name a project page such as <index>/torch/");
}

std::vector<IndexFile> parse_simple_html(std::string_view html, std::string_view page_url) {
  std::vector<IndexFile> files;
  std::string base(page_url);
  std::vector<Attribute> attributes;
  std::size_t pos = 0;
  while ((pos = html.find('<', pos)) != std::string_view::npos) {
    if (html.substr(pos, 4) == "<!--") {
      auto end = html.find("-->", pos + 4);
      pos = end == std::string_view::npos ? html.size() : end + 3;
      continue;
    }
    std::size_t name_start = ++pos;
    while (pos < html.size() && !is_space(html[pos]) && html[pos] != '>' && html[pos] != '/') ++pos;
    std::string_view tag = html.substr(name_start, pos - name_start);
    bool anchor = iequals(tag, "a");
    if (!anchor && !iequals(tag, "base")) continue;
    read_attributes(html, pos, attributes);
    const Attribute* href = find_attribute(attributes, "href");
    if (!href || !href->has_value) continue;
    if (!anchor) {  // <base href> changes what relative links resolve against
      base = resolve_url(page_url, trim(href->value()));
      continue;
    }
    std::size_t close = find_anchor_end(html, pos);
    std::size_t text_end = close == std::string_view::npos ? html.size() : close;
    files.push_back(file_from_anchor(attributes, html.substr(pos, text_end - pos), base));
    pos = text_end;
  }
  return files;
}

std::vector<IndexFile> parse_simple_json(std::string_view text, std::string_view page_url) {
  if (auto problem = json_shape_problem(text, kIndexPageLimits))
    throw page_error(page_url, (problem->line ? "line " + std::to_string(problem->line) + ": it " : "it ") + problem->text);
  auto json = nlohmann::json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
  if (json.is_discarded() || !json.is_object()) throw page_error(page_url, "it is not a JSON object");
  if (auto meta = json.find("meta"); meta != json.end() && meta->is_object()) {
    auto given = meta->find("api-version");
    if (given != meta->end() && !given->is_string())
      throw page_error(page_url, std::string("its meta.api-version is a JSON ") + given->type_name() +
                                     ", not a string such as \"1.0\" (PEP 691)");
    std::string version = given == meta->end() ? "1.0" : given->get<std::string>();
    if (version.substr(0, version.find('.')) != "1")
      throw page_error(page_url, "its api-version is " + version + "; userpkg reads version 1.x (PEP 691)");
  }
  auto list = json.find("files");
  if (list == json.end() || !list->is_array()) throw page_error(page_url, "it has no \"files\" list (PEP 691)");
  std::vector<IndexFile> files;
  files.reserve(list->size());
  for (auto& entry : *list) {
    if (!entry.is_object()) throw page_error(page_url, "an entry of \"files\" is not an object");
    auto filename = entry.find("filename");
    auto url = entry.find("url");
    if (filename == entry.end() || !filename->is_string() || url == entry.end() || !url->is_string())
      throw page_error(page_url, "an entry of \"files\" lacks its \"filename\" or \"url\"");
    IndexFile file;
    file.file_name = filename->get<std::string>();
    std::string absolute = resolve_url(page_url, url->get<std::string>());
    file.url = std::string(url_without_fragment(absolute));
    if (auto hashes = entry.find("hashes"); hashes != entry.end() && hashes->is_object()) {
      auto sha = hashes->find("sha256");
      if (sha != hashes->end() && sha->is_string() && is_hex64(sha->get<std::string>()))
        file.sha256 = to_lower(sha->get<std::string>());
      else if (sha != hashes->end())
        file.bad_sha256 = sha->is_string() ? sha->get<std::string>().substr(0, 4096) : "(not a string)";
    }
    if (file.sha256.empty()) file.sha256 = sha256_from(url_fragment(absolute));
    if (file.sha256.empty() && file.bad_sha256.empty()) file.bad_sha256 = malformed_sha256_from(url_fragment(absolute));
    if (!file.sha256.empty()) file.bad_sha256.clear();
    if (auto rp = entry.find("requires-python"); rp != entry.end() && rp->is_string())
      file.requires_python = rp->get<std::string>();
    if (auto yanked = entry.find("yanked"); yanked != entry.end()) {
      // false, true, or the reason as a string (which means yanked)
      file.yanked = yanked->is_string() || (yanked->is_boolean() && yanked->get<bool>());
      if (yanked->is_string()) file.yanked_reason = yanked->get<std::string>();
    }
    auto metadata = entry.find("core-metadata");
    if (metadata == entry.end()) metadata = entry.find("dist-info-metadata");
    if (metadata != entry.end()) {
      if (metadata->is_object()) {
        file.has_metadata = true;
        auto sha = metadata->find("sha256");
        if (sha != metadata->end() && sha->is_string() && is_hex64(sha->get<std::string>()))
          file.metadata_sha256 = to_lower(sha->get<std::string>());
      } else {
        file.has_metadata = metadata->is_boolean() && metadata->get<bool>();
      }
    }
    files.push_back(std::move(file));
  }
  return files;
}

std::vector<IndexFile> parse_simple_index(std::string_view body, std::string_view content_type,
                                          std::string_view page_url) {
  return index_format(content_type, body) == IndexFormat::json ? parse_simple_json(body, page_url)
                                                               : parse_simple_html(body, page_url);
}

}  // namespace userpkg
