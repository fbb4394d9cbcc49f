#include "fetch/mirror.hpp"

#include <curl/curl.h>

#include <memory>

#include "util/error.hpp"

namespace userpkg {
namespace {

bool starts_with_nocase(const std::string& text, std::string_view prefix) {
  if (text.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(text[i])) != prefix[i]) return false;
  return true;
}

// The decoded path of a file:// URL ("file:///srv/m" and "file://localhost/srv/m").
std::filesystem::path file_url_path(const std::string& url) {
  std::unique_ptr<CURLU, decltype(&curl_url_cleanup)> handle(curl_url(), curl_url_cleanup);
  char* path = nullptr;
  if (!handle || curl_url_set(handle.get(), CURLUPART_URL, url.c_str(), 0) != CURLUE_OK ||
      curl_url_get(handle.get(), CURLUPART_PATH, &path, CURLU_URLDECODE) != CURLUE_OK)
    throw Error("invalid mirror " + url, "not a valid file:// URL", "use file:///absolute/path or a plain directory");
  std::filesystem::path result(path);
  curl_free(path);
  return result;
}

std::string strip_trailing_slashes(std::string text) {
  while (text.size() > 1 && text.back() == '/') text.pop_back();
  return text;
}

}  // namespace

bool is_remote_url(const std::string& text) {
  return starts_with_nocase(text, "http://") || starts_with_nocase(text, "https://");
}

MirrorLocation mirror_location(const std::string& mirror, const std::string& recipe, const std::string& file_name) {
  MirrorLocation loc;
  if (is_remote_url(mirror)) {
    loc.url = strip_trailing_slashes(mirror) + "/" + recipe + "/" + file_name;
    return loc;
  }
  loc.local = true;
  if (starts_with_nocase(mirror, "file://")) {
    loc.path = file_url_path(mirror) / recipe / file_name;
    return loc;
  }
  if (mirror.find("://") != std::string::npos)
    throw Error("unsupported mirror " + mirror, "only directories, file://, http:// and https:// mirrors are supported",
                "check the --mirror option and the mirrors setting in the config");
  loc.path = std::filesystem::path(mirror) / recipe / file_name;
  return loc;
}

}  // namespace userpkg
