#pragma once
// Getting one project page of a wheel index (https://download.pytorch.org/whl/cu121/torch/) with
// its Content-Type, which decides how it is parsed (PEP 503 HTML or PEP 691 JSON). The request
// prefers JSON and accepts HTML, as pip asks. Small pages only: the body is kept in memory.
#include <functional>
#include <string>

#include "fetch/fetch_settings.hpp"

namespace userpkg {

struct IndexPage {
  std::string url;           // after redirects: relative hrefs resolve against it
  std::string content_type;  // as served; empty for file:// pages
  std::string body;
};

// A local index (file:// or a directory) is read in place. Else the mirrors are asked first, in
// order, for the page they store as <mirror>/<project>/<variant>.index.html|json (from the URL's
// last two segments, torch/mirror_layout.hpp), then the index itself unless offline. Throws Error
// saying what failed (404: the page does not exist; connection; TLS; offline and in no mirror).
IndexPage fetch_index_page(const std::string& url, const FetchSettings& settings);

// How callers are handed the fetching, so planning can be tested with pages from memory.
using IndexPageSource = std::function<IndexPage(const std::string& url)>;

}  // namespace userpkg
