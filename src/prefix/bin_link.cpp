#include "prefix/bin_link.hpp"

#include <filesystem>

#include "util/error.hpp"

namespace userpkg {

namespace fs = std::filesystem;

std::optional<std::string> foreign_bin(const PrefixLayout& layout) {
  std::error_code ec;
  fs::file_status status = fs::symlink_status(layout.bin_link(), ec);
  if (ec || status.type() == fs::file_type::not_found) return std::nullopt;
  if (status.type() == fs::file_type::symlink) {
    fs::path target = fs::read_symlink(layout.bin_link(), ec);
    if (ec || target == "profiles/current/bin" || target == layout.current_link() / "bin") return std::nullopt;
    return "a symbolic link to " + target.string();
  }
  if (status.type() == fs::file_type::directory) return "a directory";
  return "a file";
}

void check_bin_link_free(const PrefixLayout& layout) {
  auto what = foreign_bin(layout);
  if (!what) return;
  throw Error("cannot use the prefix " + layout.root.string() + ": " + layout.bin_link().string() + " is " + *what +
                  " that userpkg did not make",
              "userpkg puts its programs on PATH through " + layout.bin_link().string() +
                  " -> profiles/current/bin, and never replaces what it did not make",
              "choose a prefix of its own (e.g. --prefix ~/prefix rather than your home directory), or move " +
                  layout.bin_link().string() + " away");
}

}  // namespace userpkg
