#pragma once
// What a mirror holds for the pytorch kind, besides the wheels themselves (<mirror>/<project>/<wheel>):
//   <mirror>/<project>/<variant>.index.html (or .index.json)  the variant's index page, as served
//   <mirror>/pytorch-wheels/<wheel>                           every wheel pip resolved for the plan
//                                                             (torch's dependencies), a --find-links dir
// Pure names and paths; fetch/mirror.hpp documents the whole mirror layout.
#include <optional>
#include <string>
#include <string_view>

#include "wheel/simple_index.hpp"

namespace userpkg {

// The mirror folder of the dependency wheels: one for every project and variant (pip picks by name
// and version, so torch 2.1's cu121 and cu118 dependencies can share it).
inline constexpr std::string_view kTorchWheelsFolder = "pytorch-wheels";

// Which page a URL names: <index>/<variant>/<project>/ → {variant, project}.
struct PageKey {
  std::string variant;
  std::string project;
};

// The last two path segments of a page URL (query and fragment ignored); nullopt when there are
// fewer than two, or one is "." or "..". Pure.
std::optional<PageKey> page_key(std::string_view page_url);

// "cu121.index.html" / "cu118.index.json": the page's file in <mirror>/<project>/. Pure.
std::string page_file_name(std::string_view variant, IndexFormat format);

// The Content-Type a stored page is parsed with (a mirror's server may label it otherwise). Pure.
std::string page_content_type(IndexFormat format);

}  // namespace userpkg
