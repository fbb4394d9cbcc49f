#pragma once
// The user's home directory without the C library's user database functions (getpwuid and kin go
// through NSS, which a static binary must not load): $HOME when it is set, else the current user's
// line of /etc/passwd, read as a plain file. Users that only LDAP/SSSD knows have HOME set by their
// login; a process without HOME and without a local passwd entry gets a clear Error.
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace userpkg {

// The home directory (6th field) of the first entry with `uid` in passwd(5) text; nullopt when
// there is none, or when its directory is empty or not absolute. NIS "+"/"-" lines are skipped.
std::optional<std::string> passwd_home(std::string_view passwd_text, unsigned long uid);

// Testable core: `home` is $HOME (nullopt or "" = unset); `passwd` reads /etc/passwd (nullopt when
// it cannot). Throws Error when HOME is set but relative, or unset with no usable passwd entry.
std::filesystem::path find_home_dir(const std::optional<std::string>& home, unsigned long uid,
                                    const std::function<std::optional<std::string>()>& passwd);

// Against the real $HOME, getuid() and /etc/passwd.
std::filesystem::path home_dir();

// The same, with nullopt where home_dir() would throw.
std::optional<std::filesystem::path> home_dir_if_known();

}  // namespace userpkg
