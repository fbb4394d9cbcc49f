#pragma once
// Where a file would be on a mirror: a pure mapping from (mirror, recipe, file name) to a local
// path or a URL; no I/O.
//
// The mirror layout (`userpkg mirror create DIR SPEC…` writes it, `--mirror DIR` reads it):
//   <mirror>/<recipe>/<file>                    sources, cuda-redist manifests and archives, pip
//                                               wheels, the wheels a pytorch package picks
//   <mirror>/<project>/<variant>.index.html     a pytorch variant's index page as served (or
//   <mirror>/<project>/<variant>.index.json     .index.json for PEP 691), read before the index
//                                               itself (torch/index_page.hpp); trusted as the
//                                               index is: it carries the wheels' sha256
//   <mirror>/pytorch-wheels/<wheel>             the wheels the target python's pip resolved for a
//                                               pytorch plan (torch's dependencies); offline
//                                               installs use it as pip --no-index --find-links
// Every file is looked up by name. Files under <mirror>/<recipe>/ are verified by a sha256 from a
// recipe, a manifest, or an index page; the index pages are trusted as the index is, and the
// pytorch-wheels/ files are read by pip (--find-links) without a sha256: their hashes were only
// checked by pip when `mirror create` downloaded them, so the mirror must be trusted for them.
#include <filesystem>
#include <string>

namespace userpkg {

struct MirrorLocation {
  bool local = false;             // true: use `path` in place; false: download `url`
  std::filesystem::path path;
  std::string url;
};

// mirror: a directory path, a file:// URL or an http(s):// URL. Throws Error for other schemes.
MirrorLocation mirror_location(const std::string& mirror, const std::string& recipe, const std::string& file_name);

// True for http:// and https:// URLs (case-insensitive scheme).
bool is_remote_url(const std::string& text);

}  // namespace userpkg
