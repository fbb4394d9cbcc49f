#include "wheel/html_text.hpp"

#include <charconv>

namespace userpkg {
namespace {

void append_utf8(std::string& out, unsigned long cp) {
  if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;  // as HTML does
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// The text a reference body (between '&' and ';') stands for, appended to out; false if unknown.
bool append_reference(std::string& out, std::string_view body) {
  if (body.size() > 1 && body[0] == '#') {
    bool hex = body[1] == 'x' || body[1] == 'X';
    std::string_view digits = body.substr(hex ? 2 : 1);
    unsigned long cp = 0;
    auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), cp, hex ? 16 : 10);
    if (digits.empty() || ec != std::errc() || end != digits.data() + digits.size()) return false;
    append_utf8(out, cp);
    return true;
  }
  struct Named {
    std::string_view name;
    char value;
  };
  for (auto [name, value] : {Named{"amp", '&'}, Named{"lt", '<'}, Named{"gt", '>'}, Named{"quot", '"'},
                             Named{"apos", '\''}, Named{"plus", '+'}, Named{"equals", '='}, Named{"num", '#'}}) {
    if (body == name) {
      out += value;
      return true;
    }
  }
  return false;
}

}  // namespace

std::string decode_html_entities(std::string_view text) {
  if (text.find('&') == std::string_view::npos) return std::string(text);
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '&') {
      auto semi = text.find(';', i + 1);
      if (semi != std::string_view::npos && semi - i <= 12 && append_reference(out, text.substr(i + 1, semi - i - 1))) {
        i = semi;
        continue;
      }
    }
    out += text[i];
  }
  return out;
}

}  // namespace userpkg
