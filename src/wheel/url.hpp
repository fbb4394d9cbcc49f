#pragma once
// The bits of URL handling an index page needs (RFC 3986, no network): resolving an href against
// the page's URL, and percent-decoding a path segment.
#include <string>
#include <string_view>

namespace userpkg {

// reference resolved against base: absolute ("https://…"), scheme-relative ("//host/…"),
// host-relative ("/whl/…"), or relative ("torch-….whl", "../../torch-….whl"), with dot segments
// removed. A fragment on the reference is kept; base's query and fragment are not.
std::string resolve_url(std::string_view base, std::string_view reference);

// "%2B" → "+"; a malformed escape is left as it is.
std::string percent_decode(std::string_view text);

// The part after '#' ("sha256=…"), and the URL without it.
std::string_view url_fragment(std::string_view url);
std::string_view url_without_fragment(std::string_view url);

// The last path segment of url, percent-decoded: the file name it downloads as.
std::string url_file_name(std::string_view url);

}  // namespace userpkg
