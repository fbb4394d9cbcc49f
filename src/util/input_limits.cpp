#include "util/input_limits.hpp"

#include <sys/stat.h>

#include <cerrno>
#include <fstream>
#include <vector>

#include "util/error.hpp"

namespace userpkg {
namespace {

std::string size_text(std::size_t bytes) {
  if (bytes < 10 * 1024) return std::to_string(bytes) + " bytes";
  if (bytes < kMiB) return std::to_string(bytes / 1024) + " KB";
  const std::size_t tenths = bytes * 10 / kMiB;
  return std::to_string(tenths / 10) + "." + std::to_string(tenths % 10) + " MB";
}

InputProblem too_large(std::size_t bytes, const InputLimits& limits) {
  return {0, "is " + size_text(bytes) + "; userpkg reads a " + limits.kind + " of at most " +
                 size_text(limits.max_bytes)};
}

InputProblem too_deep(std::size_t line, const InputLimits& limits) {
  return {line, "nests deeper than " + std::to_string(limits.max_depth) + " levels"};
}

// Moves `i` past the string that starts at text[i] (a quote), counting the newlines it holds.
// TOML: "basic" and 'literal', each also """multi-line"""; JSON uses only "basic". An unterminated
// single-line string ends at its line's end (the parser reports it).
void skip_string(std::string_view text, std::size_t& i, std::size_t& line, bool toml) {
  const char quote = text[i];
  const bool escapes = quote == '"';
  const bool multi = toml && text.substr(i, 3) == std::string_view(quote == '"' ? "\"\"\"" : "'''");
  i += multi ? 3 : 1;
  while (i < text.size()) {
    const char c = text[i];
    if (escapes && c == '\\') {
      if (i + 1 < text.size() && text[i + 1] == '\n') ++line;
      i += 2;
      continue;
    }
    if (c == '\n') {
      if (!multi) return;
      ++line;
    }
    if (c == quote) {
      if (!multi) {
        ++i;
        return;
      }
      if (i + 2 < text.size() && text[i + 1] == quote && text[i + 2] == quote) {
        i += 3;
        return;
      }
    }
    ++i;
  }
}

}  // namespace

std::optional<InputProblem> toml_shape_problem(std::string_view text, const InputLimits& limits) {
  if (text.size() > limits.max_bytes) return too_large(text.size(), limits);
  std::size_t line = 1;
  std::size_t header = 0;           // parts of the current [table] header
  std::size_t key_dots = 0;         // dots of the current top-level key = value (until its line ends)
  std::vector<std::size_t> levels;  // per open '[' or '{' of a value: dots since its last ','
  std::size_t level_dots = 0;       // sum of `levels`
  bool line_start = true;
  // A header or key of N parts is N levels (a key line: its dots + 1), each '[' or '{' one more.
  auto depth = [&] { return header + key_dots + 1 + levels.size() + level_dots; };

  for (std::size_t i = 0; i < text.size();) {
    const char c = text[i];
    if (c == '\n') {
      ++line;
      if (levels.empty()) key_dots = 0, line_start = true;
      ++i;
      continue;
    }
    if (c == ' ' || c == '\t' || c == '\r') {
      ++i;
      continue;
    }
    if (c == '#') {
      while (i < text.size() && text[i] != '\n') ++i;
      continue;
    }
    const bool at_line_start = line_start;
    line_start = false;
    if (c == '"' || c == '\'') {
      skip_string(text, i, line, true);
      continue;
    }
    if (c == '[' && levels.empty() && at_line_start) {  // [table] or [[array of tables]]
      header = 1;
      for (++i; i < text.size() && text[i] != ']' && text[i] != '\n';) {
        if (text[i] == '"' || text[i] == '\'') {
          skip_string(text, i, line, false);
          continue;
        }
        if (text[i] == '.' && ++header > limits.max_depth) return too_deep(line, limits);
        ++i;
      }
      while (i < text.size() && text[i] == ']') ++i;
      continue;
    }
    switch (c) {
      case '[':
      case '{':
        levels.push_back(0);
        break;
      case ']':
      case '}':
        if (!levels.empty()) level_dots -= levels.back(), levels.pop_back();
        break;
      case ',':
        if (!levels.empty()) level_dots -= levels.back(), levels.back() = 0;
        break;
      case '.':
        if (levels.empty()) ++key_dots;
        else ++levels.back(), ++level_dots;
        break;
      default:
        break;
    }
    if (depth() > limits.max_depth) return too_deep(line, limits);
    ++i;
  }
  return std::nullopt;
}

std::optional<InputProblem> json_shape_problem(std::string_view text, const InputLimits& limits) {
  if (text.size() > limits.max_bytes) return too_large(text.size(), limits);
  std::size_t line = 1;
  std::size_t depth = 0;
  for (std::size_t i = 0; i < text.size();) {
    const char c = text[i];
    if (c == '"') {
      skip_string(text, i, line, false);
      continue;
    }
    if (c == '\n') ++line;
    if (c == '[' || c == '{') {
      if (++depth > limits.max_depth) return too_deep(line, limits);
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
    ++i;
  }
  return std::nullopt;
}

namespace {

[[noreturn]] void refuse(const InputProblem& p, const std::string& origin, const InputLimits& limits,
                         const std::string& hint) {
  std::string where = p.line == 0 ? origin : origin + ":" + std::to_string(p.line);
  throw Error(where + ": the " + limits.kind + " " + p.text,
              "userpkg refuses inputs nested deeper than " + std::to_string(limits.max_depth) +
                  " levels or larger than its limit for the kind, before parsing them",
              hint);
}

}  // namespace

void check_toml_input(std::string_view text, const std::string& origin, const InputLimits& limits,
                      const std::string& hint) {
  if (auto p = toml_shape_problem(text, limits)) refuse(*p, origin, limits, hint);
}

void check_json_input(std::string_view text, const std::string& origin, const InputLimits& limits,
                      const std::string& hint) {
  if (auto p = json_shape_problem(text, limits)) refuse(*p, origin, limits, hint);
}

std::string read_input_file(const std::filesystem::path& path, const InputLimits& limits, const std::string& hint) {
  // open(2) of a named pipe waits for a writer, forever: refused before it is opened.
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0 && (S_ISFIFO(st.st_mode) || S_ISSOCK(st.st_mode)))
    throw Error("cannot read " + path.string(),
                std::string(path.filename()) + " is a " + (S_ISFIFO(st.st_mode) ? "named pipe" : "socket") +
                    ", not a file",
                hint);
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error("cannot read " + path.string(), errno_text(errno));
  // In pieces, stopping one byte past the limit: a FIFO or /dev/zero ends here too.
  std::string text;
  char chunk[64 * 1024];
  while (text.size() <= limits.max_bytes && in.read(chunk, sizeof chunk).gcount() > 0)
    text.append(chunk, static_cast<std::size_t>(in.gcount()));
  if (in.bad()) throw Error("cannot read " + path.string(), errno_text(errno));
  if (text.size() > limits.max_bytes) {
    std::error_code ec;
    auto size = std::filesystem::file_size(path, ec);
    refuse(too_large(ec ? text.size() : static_cast<std::size_t>(size), limits), path.string(), limits, hint);
  }
  return text;
}

}  // namespace userpkg
