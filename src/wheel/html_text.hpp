#pragma once
// HTML character references in attribute values and text: &amp; &lt; &gt; &quot; &apos; &#43;
// &#x2B; (as UTF-8). Unknown named references are left as written, the way browsers keep them.
#include <string>
#include <string_view>

namespace userpkg {

std::string decode_html_entities(std::string_view text);

}  // namespace userpkg
