// libcurl, opened on first use: forwarders with the exact signatures of <curl/curl.h> (the
// compiler checks them against its declarations). See linkage/dynamic/lazy_library.hpp for why.
#define CURL_DISABLE_TYPECHECK  // the type-checking macros would rename our definitions
#include <cstdarg>
#include <curl/curl.h>

#include "linkage/dynamic/lazy_library.hpp"

static_assert(LIBCURL_VERSION_MAJOR == 7 || LIBCURL_VERSION_MAJOR == 8, "libcurl's soname is libcurl.so.4 for 7.x and 8.x");

namespace {

template <typename Function>
Function* curl_function(const char* name) {
  return reinterpret_cast<Function*>(userpkg::lazy_symbol("libcurl.so.4", name, "libcurl (Debian: libcurl4)"));
}

}  // namespace

#define USERPKG_CURL_FORWARD(ret, name, params, args)                  \
  extern "C" ret name params {                                         \
    static auto* const real = curl_function<ret params>(#name);        \
    return real args;                                                  \
  }

USERPKG_CURL_FORWARD(CURLcode, curl_global_init, (long flags), (flags))
USERPKG_CURL_FORWARD(CURL*, curl_easy_init, (void), ())
USERPKG_CURL_FORWARD(void, curl_easy_cleanup, (CURL * curl), (curl))
USERPKG_CURL_FORWARD(const char*, curl_easy_strerror, (CURLcode code), (code))
USERPKG_CURL_FORWARD(void, curl_free, (void* p), (p))
USERPKG_CURL_FORWARD(CURLM*, curl_multi_init, (void), ())
USERPKG_CURL_FORWARD(CURLMcode, curl_multi_cleanup, (CURLM * multi), (multi))
USERPKG_CURL_FORWARD(CURLMcode, curl_multi_add_handle, (CURLM * multi, CURL* easy), (multi, easy))
USERPKG_CURL_FORWARD(CURLMcode, curl_multi_remove_handle, (CURLM * multi, CURL* easy), (multi, easy))
USERPKG_CURL_FORWARD(CURLMcode, curl_multi_perform, (CURLM * multi, int* running), (multi, running))
USERPKG_CURL_FORWARD(CURLMsg*, curl_multi_info_read, (CURLM * multi, int* queued), (multi, queued))
USERPKG_CURL_FORWARD(CURLMcode, curl_multi_poll,
                     (CURLM * multi, struct curl_waitfd extra_fds[], unsigned int extra_nfds, int timeout_ms,
                      int* numfds),
                     (multi, extra_fds, extra_nfds, timeout_ms, numfds))
USERPKG_CURL_FORWARD(struct curl_slist*, curl_slist_append, (struct curl_slist * list, const char* text), (list, text))
USERPKG_CURL_FORWARD(void, curl_slist_free_all, (struct curl_slist * list), (list))
USERPKG_CURL_FORWARD(CURLU*, curl_url, (void), ())
USERPKG_CURL_FORWARD(void, curl_url_cleanup, (CURLU * url), (url))
USERPKG_CURL_FORWARD(CURLUcode, curl_url_get, (CURLU * url, CURLUPart what, char** part, unsigned int flags),
                     (url, what, part, flags))
USERPKG_CURL_FORWARD(CURLUcode, curl_url_set, (CURLU * url, CURLUPart what, const char* part, unsigned int flags),
                     (url, what, part, flags))

// The variadic two take exactly one argument after the option, whose type libcurl encodes in the
// option's number range (CURLOPTTYPE_*); getinfo's is always a pointer.
extern "C" CURLcode curl_easy_setopt(CURL* curl, CURLoption option, ...) {
  static auto* const real = curl_function<CURLcode(CURL*, CURLoption, ...)>("curl_easy_setopt");
  va_list args;
  va_start(args, option);
  CURLcode result;
  if (option < CURLOPTTYPE_OBJECTPOINT) {
    result = real(curl, option, va_arg(args, long));
  } else if (option < CURLOPTTYPE_FUNCTIONPOINT) {
    result = real(curl, option, va_arg(args, void*));
  } else if (option < CURLOPTTYPE_OFF_T) {
    result = real(curl, option, va_arg(args, void (*)()));
  } else if (option < CURLOPTTYPE_BLOB) {
    result = real(curl, option, va_arg(args, curl_off_t));
  } else {
    result = real(curl, option, va_arg(args, void*));
  }
  va_end(args);
  return result;
}

extern "C" CURLcode curl_easy_getinfo(CURL* curl, CURLINFO info, ...) {
  static auto* const real = curl_function<CURLcode(CURL*, CURLINFO, ...)>("curl_easy_getinfo");
  va_list args;
  va_start(args, info);
  CURLcode result = real(curl, info, va_arg(args, void*));
  va_end(args);
  return result;
}
