#pragma once
// One file whose sha256 nobody knows in advance (the Fetcher only hands out files that match a
// known sha256): `userpkg checksum`, `recipe new`, a repo tarball. Same CA bundle, proxy choice,
// timeouts and retries as the Fetcher; no resume (there is no hash to check a resumed file by).
#include <filesystem>
#include <string>

#include "fetch/fetch_settings.hpp"
#include "fetch/transfer.hpp"
#include "util/reporter.hpp"

namespace userpkg {

// Downloads `url` to `target` (via target.part, renamed when complete), retrying transient
// failures settings.retries times. The outcome says how it went; on ok, outcome.sha256 is the
// file's hash. Nothing is left at `target` or `target.part` unless it is ok.
TransferOutcome download_single(const std::string& url, const std::filesystem::path& target,
                                const FetchSettings& settings, Reporter& reporter);

}  // namespace userpkg
