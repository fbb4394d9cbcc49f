#include "python/pip_sources.hpp"

namespace userpkg {

std::vector<std::string> pip_source_args(const StackSettings& stack) {
  std::vector<std::string> args;
  if (!stack.wheelhouses.empty()) {
    args.push_back("--no-index");
    for (auto& dir : stack.wheelhouses) {
      args.push_back("--find-links");
      args.push_back(dir);
    }
  } else if (!stack.index_url.empty()) {
    args.push_back("--index-url");
    args.push_back(stack.index_url);
  }
  return args;
}

}  // namespace userpkg
