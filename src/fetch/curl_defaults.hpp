#pragma once
// The libcurl settings every userpkg request shares: redirects followed (at most 10) but only to
// http(s) — never file://, scp:// or the like a server could redirect to — no signals, errors
// into `error_buffer` (CURL_ERROR_SIZE bytes). Takes the easy handle as void* (CURL is a typedef
// of void) so this header needs no curl.h.
namespace userpkg {

void apply_curl_defaults(void* easy, char* error_buffer);

}  // namespace userpkg
