#include "torch/index_page.hpp"

#include <curl/curl.h>

#include <filesystem>
#include <memory>
#include <optional>
#include <vector>

#include "fetch/ca_bundle.hpp"
#include "fetch/curl_defaults.hpp"
#include "fetch/mirror.hpp"
#include "fetch/proxy.hpp"
#include "torch/mirror_layout.hpp"
#include "util/error.hpp"
#include "util/fs.hpp"
#include "util/strings.hpp"

namespace userpkg {
namespace {

constexpr std::size_t kMaxPageBytes = 64u << 20;  // PyTorch's largest pages are a few MB
constexpr const char* kAccept =
    "application/vnd.pypi.simple.v1+json, application/vnd.pypi.simple.v1+html;q=0.2, text/html;q=0.1";

std::size_t append_body(char* data, std::size_t size, std::size_t count, void* out) {
  auto* body = static_cast<std::string*>(out);
  if (body->size() + size * count > kMaxPageBytes) return 0;  // aborts the transfer
  body->append(data, size * count);
  return size * count;
}

// A file:// index (or a plain directory): the page is the directory's index.html.
IndexPage read_local_page(const std::string& url) {
  std::string path = url.starts_with("file://") ? url.substr(7) : url;
  std::filesystem::path page = path;
  if (std::filesystem::is_directory(page)) page /= "index.html";
  if (!std::filesystem::is_regular_file(page))
    throw Error("cannot read the index page " + url, page.string() + " does not exist",
                "check --torch-index (a local index needs <variant>/<project>/index.html)");
  std::string base = url.starts_with("file://") ? url : "file://" + std::filesystem::absolute(path).string();
  return {base, "", read_file(page)};
}

// One GET of a page over http(s); transport errors are in `result`/`error`.
struct HttpAnswer {
  CURLcode result = CURLE_OK;
  std::string error;  // curl's words when result is not CURLE_OK
  long status = 0;
  IndexPage page;
  std::string via;  // " (through proxy …)" or ""
};

HttpAnswer http_get(const std::string& url, const FetchSettings& settings) {
  static const CURLcode init = curl_global_init(CURL_GLOBAL_DEFAULT);
  if (init != CURLE_OK) throw Error("internal error: cannot initialise libcurl");

  std::unique_ptr<CURL, void (*)(CURL*)> easy(curl_easy_init(), curl_easy_cleanup);
  std::unique_ptr<CURLM, CURLMcode (*)(CURLM*)> multi(curl_multi_init(), curl_multi_cleanup);
  if (!easy || !multi) throw Error("internal error: cannot create a curl handle");
  HttpAnswer answer;
  IndexPage& page = answer.page;
  char error_buffer[CURL_ERROR_SIZE] = {};
  std::unique_ptr<curl_slist, void (*)(curl_slist*)> headers(
      curl_slist_append(nullptr, (std::string("Accept: ") + kAccept).c_str()), curl_slist_free_all);
  const CaBundleChoice ca = choose_ca_bundle(settings.ca_file);
  const std::optional<ProxyChoice> proxy = proxy_for(url, Environment::current());
  CURL* h = easy.get();
  curl_easy_setopt(h, CURLOPT_URL, url.c_str());
  curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, &append_body);
  curl_easy_setopt(h, CURLOPT_WRITEDATA, &page.body);
  curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers.get());
  apply_curl_defaults(h, error_buffer);
  curl_easy_setopt(h, CURLOPT_ACCEPT_ENCODING, "");  // gzip where offered: pages compress 10×
  curl_easy_setopt(h, CURLOPT_USERAGENT, "userpkg/" USERPKG_VERSION);
  curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, static_cast<long>(settings.connect_timeout.count()));
  curl_easy_setopt(h, CURLOPT_LOW_SPEED_LIMIT, settings.low_speed_limit);
  curl_easy_setopt(h, CURLOPT_LOW_SPEED_TIME, static_cast<long>(settings.low_speed_time.count()));
  // A page trickling in just above the low-speed limit would otherwise be read for hours.
  curl_easy_setopt(h, CURLOPT_TIMEOUT, static_cast<long>(settings.page_timeout.count()));
  apply_ca_bundle(h, ca, url, proxy ? proxy->url : std::string());  // throws when https has no CA bundle
  curl_easy_setopt(h, CURLOPT_PROXY, proxy ? proxy->url.c_str() : "");

  // libcurl is driven through its multi interface, the one the rest of userpkg uses.
  curl_multi_add_handle(multi.get(), h);
  int running = 1;
  while (running > 0) {
    curl_multi_perform(multi.get(), &running);
    int queued = 0;
    while (CURLMsg* msg = curl_multi_info_read(multi.get(), &queued))
      if (msg->msg == CURLMSG_DONE) answer.result = msg->data.result;
    if (running > 0) curl_multi_poll(multi.get(), nullptr, 0, 1000, nullptr);
  }
  curl_multi_remove_handle(multi.get(), h);

  answer.via = proxy ? " (" + describe(*proxy) + ")" : "";
  if (answer.result != CURLE_OK) {
    answer.error = error_buffer[0] ? error_buffer : curl_easy_strerror(answer.result);
    if (answer.result == CURLE_WRITE_ERROR) answer.error = "the page is larger than 64 MB";
    curl_off_t spent_us = 0;
    curl_easy_getinfo(h, CURLINFO_TOTAL_TIME_T, &spent_us);
    if (answer.result == CURLE_OPERATION_TIMEDOUT && spent_us / 1000000 + 1 >= settings.page_timeout.count())
      answer.error = "the page did not arrive whole within " + std::to_string(settings.page_timeout.count()) +
                     " s (USERPKG_PAGE_TIMEOUT); the server sends it too slowly";
    return answer;
  }
  curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &answer.status);
  char* type = nullptr;
  curl_easy_getinfo(h, CURLINFO_CONTENT_TYPE, &type);
  if (type) page.content_type = type;
  char* effective = nullptr;
  curl_easy_getinfo(h, CURLINFO_EFFECTIVE_URL, &effective);
  page.url = effective ? effective : url;
  return answer;
}

// The page as a mirror stores it (fetch/mirror.hpp, torch/mirror_layout.hpp), from the first mirror
// that has it. Relative hrefs keep resolving against the index's own URL, so the wheels it names
// are then looked up in the mirrors by file name, as every file is. `looked` collects where it was
// not found, for the error.
std::optional<IndexPage> page_from_mirrors(const std::string& url, const FetchSettings& settings,
                                           std::vector<std::string>& looked) {
  const std::optional<PageKey> key = page_key(url);
  if (!key) return std::nullopt;
  for (const std::string& mirror : settings.mirrors) {
    for (IndexFormat format : {IndexFormat::html, IndexFormat::json}) {
      MirrorLocation at = mirror_location(mirror, key->project, page_file_name(key->variant, format));
      if (at.local) {
        std::error_code ec;
        if (std::filesystem::is_regular_file(at.path, ec)) return IndexPage{url, page_content_type(format), read_file(at.path)};
        looked.push_back(at.path.string());
        continue;
      }
      HttpAnswer answer = http_get(at.url, settings);
      if (answer.result == CURLE_OK && answer.status == 200)
        return IndexPage{url, page_content_type(format), std::move(answer.page.body)};
      looked.push_back(at.url + (answer.result != CURLE_OK ? " (" + answer.error + ")"
                                                           : " (HTTP " + std::to_string(answer.status) + ")"));
    }
  }
  return std::nullopt;
}

}  // namespace

IndexPage fetch_index_page(const std::string& url, const FetchSettings& settings) {
  if (!url.starts_with("http://") && !url.starts_with("https://")) return read_local_page(url);
  std::vector<std::string> looked;
  if (std::optional<IndexPage> mirrored = page_from_mirrors(url, settings, looked)) return *mirrored;
  if (settings.offline)
    throw Error("cannot read the index page " + url,
                "--offline: userpkg contacts no server, and no mirror holds the page" +
                    (looked.empty() ? std::string(" (no --mirror given)") : " (looked for " + join(looked, ", ") + ")"),
                "make a mirror on a machine with network (`userpkg mirror create DIR torch@VERSION …`) and give "
                "--mirror DIR, or point --torch-index at a local copy of the index");

  HttpAnswer answer = http_get(url, settings);
  if (answer.result != CURLE_OK)
    throw Error("cannot read the index page " + url + answer.via, answer.error,
                "check --torch-index / USERPKG_TORCH_INDEX and the network (userpkg doctor checks proxies)");
  const long status = answer.status;
  if (status == 404 || status == 410)
    throw Error("the index has no page " + url, "the server answered " + std::to_string(status),
                "check the variant (--cuda) and --torch-index: PyTorch's pages are <index>/<variant>/<project>/");
  if (status >= 400)
    throw Error("cannot read the index page " + url + answer.via, "the server answered HTTP " + std::to_string(status),
                "try again later, or check --torch-index");
  return answer.page;
}

}  // namespace userpkg
