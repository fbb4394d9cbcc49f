#include "authoring/recipe_new.hpp"

#include <cctype>

#include "authoring/archive_listing.hpp"
#include "authoring/build_system_detect.hpp"
#include "authoring/checksum.hpp"
#include "authoring/download.hpp"
#include "authoring/version_guess.hpp"
#include "core/recipe_loader.hpp"
#include "core/version.hpp"
#include "util/error.hpp"
#include "wheel/url.hpp"
#include "util/fs.hpp"

namespace userpkg {
namespace {

namespace fs = std::filesystem;

bool valid_recipe_name(const std::string& name) {
  if (name.empty() || !std::isalnum(static_cast<unsigned char>(name[0]))) return false;
  for (char c : name)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '+' || c == '-')) return false;
  return true;
}

std::string homepage_of(const std::string& url) {
  auto scheme = url.find("://");
  auto slash = url.find('/', scheme == std::string::npos ? 0 : scheme + 3);
  return (slash == std::string::npos ? url : url.substr(0, slash)) + "/";
}

// What to look at in [build] for each system, as comment lines of the written recipe.
std::string build_hints(const std::string& system) {
  if (system == "autotools")
    return "# configure = [\"--disable-nls\"]   # extra ./configure arguments (--prefix is given)\n";
  if (system == "cmake")
    return "# configure = [\"-DBUILD_TESTING=OFF\"]   # extra cmake -D options (the install prefix,\n"
           "#                                        # Release and CMAKE_INSTALL_LIBDIR=lib are given)\n";
  if (system == "make")
    return "# make = [\"PREFIX={prefix}\"]   # arguments for make; install runs `make install DESTDIR=…`\n"
           "# install = [\"install\", \"PREFIX={prefix}\"]\n";
  return "# runs the installer in batch mode into the package's directory (see ops/kind_installer.cpp)\n";
}

}  // namespace

NewRecipeFacts facts_from_url(const std::string& name, const std::string& url, const std::string& version) {
  if (!valid_recipe_name(name))
    throw Error("'" + name + "' is not a valid recipe name",
                "recipe names are lower-case letters, digits and . _ + -, starting with a letter or digit",
                "choose a name such as mytool or lab-sim");
  if (!url.starts_with("https://"))
    throw Error("cannot make a recipe from " + url + ": it is not an https:// URL",
                "recipes download their sources over https:// only",
                "give the https:// URL of the release file");
  NewRecipeFacts facts;
  facts.name = name;
  facts.url = url;
  facts.homepage = homepage_of(url);
  const std::string file_name = url_file_name(url);
  if (!version.empty()) {
    if (!Version::try_parse(version))
      throw Error("'" + version + "' is not a version", "versions look like 1.2.3 or 3.12.0rc1", "fix --version");
    facts.version = version;
  } else if (auto guessed = guess_version(file_name, name)) {
    facts.version = *guessed;
  } else {
    throw Error("cannot tell the version of " + file_name, "its name holds no version number such as 1.2.3",
                "give it with --version");
  }
  facts.url_template = url_template(url, facts.version);
  if (facts.url_template == url)
    throw Error("the version " + facts.version + " does not appear in " + url,
                "the recipe's URL template needs the version in the URL to download other releases",
                "give the URL of a file whose name holds the version");
  return facts;
}

std::string render_recipe(const NewRecipeFacts& f) {
  std::string t;
  t += "# Written by `userpkg recipe new` from\n#   " + f.url + "\n";
  t += "# Detected: version " + f.version + ", [build] system = \"" + f.system + "\" (from " + f.evidence + ").\n";
  t += "# Check before sharing it:\n";
  t += "#   - summary and homepage below;\n";
  t += "#   - that the [source] url gives other releases when {version} changes;\n";
  t += "#   - the build system and its arguments, and [depends] (libraries it needs);\n";
  t += "#   - then `userpkg recipe lint` and a test install. New versions: `userpkg checksum " + f.name + " VERSION`.\n";
  t += "name = \"" + f.name + "\"\n";
  t += "summary = \"" + f.name + " (TODO: say in one line what it is)\"\n";
  t += "homepage = \"" + f.homepage + "\"\n\n";
  t += "[source]\nurl = \"" + f.url_template + "\"\n\n";
  t += "[versions]\n" + versions_line(f.version, f.sha256) + "\n\n";
  t += "# [depends]\n# zlib = { system = true }\n\n";
  t += "[build]\nsystem = \"" + f.system + "\"\n";
  if (!f.configure_script.empty()) t += "configure_script = \"" + f.configure_script + "\"\n";
  t += build_hints(f.system);
  return t;
}

RecipeNewResult create_recipe(const RecipeNewRequest& request, Reporter& reporter) {
  NewRecipeFacts facts = facts_from_url(request.name, request.url, request.version);
  const fs::path target = request.repo_dir / "recipes" / (request.name + ".toml");
  std::error_code ec;
  if (fs::exists(target, ec) && !request.force)
    throw Error("recipe " + target.string() + " exists already", "recipe new does not overwrite a recipe",
                "pass --force to replace it, or edit it (new versions: `userpkg checksum " + request.name + " VERSION`)");

  const std::string file_name = url_file_name(request.url);
  DownloadedFile got = download_unverified(request.name, request.url, file_name, request.scratch, request.fetch, reporter);
  facts.sha256 = got.sha256;
  if (is_installer_file(file_name)) {
    facts.system = "installer";
    facts.evidence = "a ." + fs::path(file_name).extension().string().substr(1) + " installer";
  } else {
    auto detected = detect_build_system(list_archive_entries(got.path));
    if (!detected)
      throw Error("cannot tell how to build " + file_name,
                  "its top directory has no configure, CMakeLists.txt, configure.ac or Makefile",
                  "write the recipe by hand (see README.md, recipe format)");
    facts.system = detected->system;
    facts.evidence = detected->evidence;
    facts.configure_script = detected->configure_script;
  }

  std::string text = render_recipe(facts);
  load_recipe(text, target.string(), request.name);  // what we write must load; a failure here is our bug
  ensure_dir(target.parent_path());
  write_file_atomic(target, text);
  return RecipeNewResult{target, facts};
}

}  // namespace userpkg
