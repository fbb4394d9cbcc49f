// Throwaway driver for bench/extract.sh until `userpkg debug-extract ARCHIVE DEST` exists:
//   g++ -std=c++20 -O2 -Isrc bench/extract_bench.cpp build/libuserpkg_lib.a -larchive -o /tmp/extract_bench
// Usage: extract_bench debug-extract ARCHIVE DEST   (same arguments as the hidden CLI command)
#include <iostream>
#include <string>

#include "archive/extract.hpp"
#include "util/error.hpp"

int main(int argc, char** argv) {
  if (argc != 4 || std::string(argv[1]) != "debug-extract") {
    std::cerr << "usage: " << argv[0] << " debug-extract ARCHIVE DEST\n";
    return 2;
  }
  try {
    std::cout << userpkg::extract_archive(argv[2], argv[3]).string() << "\n";
  } catch (const userpkg::Error& e) {
    std::cerr << "error: " << e.what() << ": " << e.why() << "\n";
    return 1;
  }
}
