#pragma once
// A recipe as a value: what recipes/<name>.toml says, checked and typed (core/recipe_loader reads it).
#include <array>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/version.hpp"

namespace userpkg {

// One downloadable file of a release: where upstream publishes it and its sha256.
struct SourceFile {
  std::string url;        // upstream URL, {version} already substituted
  std::string file_name;  // name used for mirror lookup (<mirror>/<recipe>/<file_name>) and the cache
  std::string sha256;     // lowercase hex
};

struct RecipeVersion {
  Version version;
  SourceFile primary;                          // the release file
  std::vector<SourceFile> alternates;          // same release, other formats (any one will do)
  std::map<std::string, SourceFile> kinds;     // other kinds of source, e.g. "git-archive"
  // False for a version whose kind needs no file of its own (pytorch; a cuda-redist release whose
  // manifest the recipe carries): nothing is fetched for it before the kind runs.
  bool has_file() const { return !primary.url.empty(); }
};

// Another way to get the source of a release (e.g. a GitHub tag archive without ./configure).
struct SourceKind {
  std::string url_template;
  std::string file_template;  // empty: last part of the URL
  bool regenerate = false;    // ships no ./configure
};

struct Dependency {
  std::string name;
  VersionConstraint constraint;
  bool system_ok = false;  // may be satisfied by a usable system copy
  std::string purpose;     // "the ssl module": what breaks without it
  // Which versions to build when it is built from source, by the depending package's own version
  // (Python 3.8 wants OpenSSL 1.1.1 even though the system's 3.x is acceptable). First match wins.
  std::vector<std::pair<VersionConstraint, VersionConstraint>> build_constraints;
};

// How to tell whether the system already provides a usable copy of this package.
struct SystemProbe {
  std::vector<std::string> headers;
  std::vector<std::string> libraries;  // -l names
  std::string pkg_config;
  std::string version_header;  // file, e.g. "openssl/opensslv.h"
  std::string version_define;  // macro whose value holds the version
  std::vector<std::string> programs;
  std::vector<std::string> version_command;
  bool empty() const { return headers.empty() && libraries.empty() && programs.empty() && pkg_config.empty(); }
};

// Extra build settings that apply when a condition holds (see Condition in core/condition.hpp).
struct BuildAddition {
  std::string condition;  // e.g. "@3.8 openssl:system"
  std::vector<std::string> configure, cflags, cppflags, ldflags, make;
  std::map<std::string, std::string> env;
};

// [build] system: how a package's files come to be. The first two build from source (build/); the
// others put prebuilt files in place (ops/package_kind.hpp): "cuda-redist" merges the archives an
// NVIDIA redistrib manifest lists, "installer" runs a self-extracting installer (Miniconda),
// "pip" installs pip into a target Python, "pytorch" installs a wheel from a PyTorch-style index.
inline constexpr std::array<std::string_view, 6> kBuildSystems = {"autotools", "make",  "cuda-redist",
                                                                  "installer", "pip",   "pytorch"};
// A "pytorch" recipe lists versions without files: the index names each wheel and its sha256.
inline bool versions_carry_files(std::string_view system) { return system != "pytorch"; }

struct BuildSpec {
  std::string system = "autotools";  // one of kBuildSystems
  std::vector<std::string> configure;
  std::string configure_script = "configure";
  std::vector<std::string> regenerate;          // empty: autoreconf -fi
  std::vector<std::string> regenerate_depends;  // tools needed to regenerate
  std::vector<std::string> make;
  std::vector<std::string> install = {"install"};
  bool destdir = true;
  bool parallel = true;
  std::map<std::string, std::string> env;
  std::vector<BuildAddition> additions;
  std::vector<std::string> post_install;  // shell commands run on the staged tree after `make install`
};

struct Patch {
  std::string file;  // relative to patches/
  std::string sha256;
  std::string condition;  // same syntax as BuildAddition::condition; empty: always
};

// The ':'-separated search lists a recipe's [env] may add directories to. Other variables need an
// explicit `allow` in the recipe (so a typo such as LD_LIBARY_PATH is an error, not a new variable).
inline constexpr std::array<std::string_view, 9> kEnvListVariables = {
    "PATH",  "LD_LIBRARY_PATH", "MANPATH",           "PKG_CONFIG_PATH", "INFOPATH",
    "CPATH", "LIBRARY_PATH",    "CMAKE_PREFIX_PATH", "PYTHONPATH"};

// [env]: what the package adds to the environment of its users. Directories are "{prefix}",
// "{prefix}/…" (the package's install dir) or absolute; shell/package_env resolves them.
//   [env]
//   LD_LIBRARY_PATH = ["{prefix}/lib64"]   # a list variable: directories put in front
//   MANPATH = []                           # declared empty: no default
//   allow = ["CUDA_HOME"]                  # names that are not list variables above
//   [env.set]
//   CUDA_HOME = "{prefix}"                 # set to one value (needs allow)
//   [env.source]                           # a script of the package's own that the shell sources
//   sh = "{prefix}/etc/profile.d/conda.sh" #  (sh, bash, zsh; modulefiles run it with bash)
//   fish = "{prefix}/etc/fish/conf.d/conda.fish"
// A list variable the recipe does not declare gets its default: PATH {prefix}/bin, MANPATH
// {prefix}/share/man and PKG_CONFIG_PATH {prefix}/lib/pkgconfig where those exist.
struct RecipeEnv {
  std::map<std::string, std::vector<std::string>> lists;  // variable -> directories, in order
  std::map<std::string, std::string> set;                 // variable -> value
  std::map<std::string, std::string> source;              // "sh" / "fish" -> script ("{prefix}/…" or absolute)
  bool declares(const std::string& variable) const { return lists.count(variable) > 0; }
};

// [redist] of a "cuda-redist" recipe: which NVIDIA product's redistributables, which of a
// release's components, and the releases whose manifest the recipe carries itself.
//   [redist]
//   product = "cudnn"            # archives at <cuda_redist root>/cudnn/redist/<relative_path>
//   components = ["cudnn"]       # manifest keys; absent: chosen by `cuda@12.1 +nvcc +cublas`
//   [redist.manifests."8.9.7"]   # NVIDIA's redistrib_8.9.7.json (or the part of it that userpkg
//   release_label = "8.9.7"      #  uses), written as TOML; the version lists no file then
//   [redist.manifests."8.9.7".cudnn]
//   …
// A version that pins a file instead (`"12.1.1" = { sha256 = … }` with [source] url) fetches
// NVIDIA's manifest itself and trusts it by that sha256.
struct RedistSpec {
  std::string product;                          // "cuda", "cudnn"
  std::vector<std::string> components;          // fixed manifest keys; empty: the +/~ options decide
  std::map<std::string, std::string> manifests;  // version text (Version::str) -> manifest as JSON text
};

struct Recipe {
  std::string name, summary, homepage;
  std::string origin;  // where it was read from, for messages ("built-in", a path)
  // The repository it came from and that repository's revision (git commit, sha256), set by the
  // RepoStack; recorded with each installed package.
  std::string repo, repo_revision;
  std::string url_template, file_template;
  std::map<std::string, std::string> alternate_templates;  // name -> url template
  std::map<std::string, SourceKind> kinds;
  std::vector<RecipeVersion> versions;  // newest first
  std::vector<Dependency> depends;
  SystemProbe system;
  BuildSpec build;
  std::vector<Patch> patches;
  std::vector<std::string> test_commands;
  RecipeEnv env;
  RedistSpec redist;  // "cuda-redist" recipes only

  const RecipeVersion* find_version(const Version& v) const;
};

}  // namespace userpkg
