#pragma once
// The resolver's questions answered for real: system probes, the prefix's installed packages, and
// whether a source can be had without the network.
#include "core/resolve.hpp"
#include "fetch/fetch_settings.hpp"
#include "prefix/layout.hpp"

namespace userpkg {

ResolveQueries make_resolve_queries(const PrefixLayout& layout, const FetchSettings& fetch);

}  // namespace userpkg
