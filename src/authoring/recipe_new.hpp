#pragma once
// `userpkg recipe new NAME URL`: a starting recipe from one release file. The facts (version, URL
// template, build system) are worked out from the URL and the archive's listing; render_recipe
// turns them into TOML that `recipe lint` accepts, with a header saying what to check by hand.
#include <filesystem>
#include <string>

#include "fetch/fetch_settings.hpp"
#include "util/reporter.hpp"

namespace userpkg {

struct NewRecipeFacts {
  std::string name;
  std::string url;           // the release file given
  std::string version;       // guessed from the file name, or given
  std::string url_template;  // url with the version replaced by {version}
  std::string sha256;
  std::string system;    // "autotools", "cmake", "make", "installer"
  std::string evidence;  // what the system was detected from
  std::string configure_script;  // empty: the default ./configure
  std::string homepage;  // scheme and host of the URL
};

// The recipe's text (pure).
std::string render_recipe(const NewRecipeFacts& facts);

// The facts that come from the URL alone (name, url, version, url_template, homepage): the version
// is `version` if given, else guessed from the file name. Throws Error for a bad name, a URL that
// is not https://, or a version that cannot be guessed.
NewRecipeFacts facts_from_url(const std::string& name, const std::string& url, const std::string& version);

struct RecipeNewRequest {
  std::string name, url;
  std::string version;              // empty: guess from the file name
  std::filesystem::path repo_dir;   // the recipe goes to <repo_dir>/recipes/<name>.toml
  bool force = false;               // overwrite an existing recipe
  std::filesystem::path scratch;    // for the download; the caller removes it
  FetchSettings fetch;
};

struct RecipeNewResult {
  std::filesystem::path path;  // the recipe written
  NewRecipeFacts facts;
};

// Downloads the file, hashes and lists it, and writes the recipe (atomically). Refuses to replace
// an existing recipe unless force; throws Error when the build system cannot be told.
RecipeNewResult create_recipe(const RecipeNewRequest& request, Reporter& reporter);

}  // namespace userpkg
