#pragma once
// One project page of a "simple" package index, as served by PyPI, PyTorch's download.pytorch.org
// and mirrors: PEP 503 HTML (with PEP 592 yanking and PEP 658/714 metadata attributes) or PEP 691
// JSON. Parsing only; fetching the page is the caller's job.
#include <string>
#include <string_view>
#include <vector>

namespace userpkg {

struct IndexFile {
  std::string file_name;        // percent-decoded last path segment: "torch-2.1.0+cu121-….whl"
  std::string url;              // absolute, without the #sha256 fragment
  std::string sha256;           // lower-case hex; empty when the index publishes none (unverified)
  std::string bad_sha256;       // a published sha256 that is not 64 hex digits, as given (sha256 empty)
  std::string requires_python;  // as published (entities decoded); informational only
  bool yanked = false;
  std::string yanked_reason;
  bool has_metadata = false;    // the index serves <url>.metadata (PEP 658)
  std::string metadata_sha256;  // its hash, when given
};

enum class IndexFormat { html, json };

// The parser for a response, from its Content-Type (parameters and case ignored); an empty
// Content-Type (file:// pages) is sniffed from the body. Throws Error for anything else,
// including a PEP 691 version this code does not read (vnd.pypi.simple.v2+json).
IndexFormat index_format(std::string_view content_type, std::string_view body);

// page_url resolves relative hrefs/urls (also "../../torch-….whl"). Files that are not wheels
// are returned too; the selector skips them.
std::vector<IndexFile> parse_simple_html(std::string_view html, std::string_view page_url);
// Throws Error when the body is not PEP 691 JSON of api-version 1.x.
std::vector<IndexFile> parse_simple_json(std::string_view json, std::string_view page_url);
std::vector<IndexFile> parse_simple_index(std::string_view body, std::string_view content_type,
                                          std::string_view page_url);

}  // namespace userpkg
