#pragma once
// How the downloader finds files and talks to the network; filled in by cli/ from config and flags.
#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

namespace userpkg {

struct FetchSettings {
  // Each: a local directory, a file:// URL or an http(s):// URL; files are looked up as
  // <mirror>/<recipe>/<file_name>, in the order given, before upstream.
  std::vector<std::string> mirrors;
  bool offline = false;             // never contact upstream: only mirrors and the cache
  std::filesystem::path cache_dir;  // <prefix>/var/cache/downloads
  std::string ca_file;              // config `ca_file`; SSL_CERT_FILE and SSL_CERT_DIR beat it (ca_bundle.hpp)
  int parallel = 4;                 // transfers at once
  int retries = 3;                  // extra tries per source after a transient failure
  std::chrono::milliseconds retry_delay{1000};  // first back-off; doubles on each retry
  long low_speed_limit = 1024;                  // bytes/s; slower than this for low_speed_time aborts
  std::chrono::seconds low_speed_time{60};        // USERPKG_STALL_TIMEOUT
  std::chrono::seconds page_timeout{120};         // a whole index page or manifest (USERPKG_PAGE_TIMEOUT)
  std::chrono::seconds connect_timeout{30};
};

}  // namespace userpkg
