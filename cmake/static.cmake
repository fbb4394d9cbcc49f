# The static userpkg: the same objects as the dynamic build (userpkg_lib), linked statically
# against glibc, libstdc++ and the libraries third_party/build.sh made (c-ares, OpenSSL, libcurl,
# libarchive) plus Debian's self-contained static compression libraries.
#
# The library sources were compiled against Debian's libcurl, libarchive and OpenSSL headers; the
# libraries linked here are the same major versions or newer (checked below), which keep their
# ABI, exactly as a dynamic build runs against a newer shared library.
#
# -static-pie rather than -static: both give a program with no interpreter and no needed library,
# but a -static program registers its unwind tables at start (crtbeginT.o) and sorts all of them
# at the first C++ exception, 6 ms of `userpkg --version` (CLI11 throws to print it). A static PIE
# finds them through PT_GNU_EH_FRAME like a dynamic program (1.7 ms, bench/startup.sh), and is
# loaded at a random address. It keeps a dynamic section, with relocations only.
#
# --fatal-warnings: glibc warns when a static program uses a function that loads the host's NSS
# modules or shared libraries (getpwuid, getaddrinfo, dlopen, …); such a binary breaks on another
# glibc, so the link fails instead.
set(deps ${USERPKG_STATIC_DEPS})
foreach(lib libarchive.a libcurl.a libssl.a libcrypto.a libcares.a)
  if(NOT EXISTS ${deps}/lib/${lib})
    message(FATAL_ERROR "${deps}/lib/${lib} is missing: run third_party/build.sh (make static does)")
  endif()
endforeach()
file(STRINGS ${deps}/include/curl/curlver.h static_curl_version REGEX "^#define LIBCURL_VERSION_NUM")
file(STRINGS ${deps}/include/archive.h static_archive_version REGEX "^#define ARCHIVE_VERSION_NUMBER ")
string(REGEX MATCH "0x[0-9a-fA-F]+" static_curl_version "${static_curl_version}")
string(REGEX MATCH "[0-9]+" static_archive_version "${static_archive_version}")
math(EXPR static_curl_version "${static_curl_version}")
if(static_curl_version LESS 0x075800 OR static_archive_version LESS 3006002)
  message(FATAL_ERROR "the static build links libcurl ${static_curl_version} and libarchive "
          "${static_archive_version}, older than the headers userpkg is compiled with")
endif()

find_library(STATIC_ZLIB libz.a REQUIRED)
find_library(STATIC_BZ2 libbz2.a REQUIRED)
find_library(STATIC_LZMA liblzma.a REQUIRED)
find_library(STATIC_ZSTD libzstd.a REQUIRED)

file(GLOB STATIC_LINKAGE_SOURCES CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/src/linkage/static/*.cpp)
add_executable(userpkg-static src/main.cpp ${STATIC_LINKAGE_SOURCES})
target_include_directories(userpkg-static PRIVATE ${deps}/include)
target_link_libraries(userpkg-static PRIVATE userpkg_lib
  ${deps}/lib/libarchive.a ${deps}/lib/libcurl.a ${deps}/lib/libssl.a ${deps}/lib/libcrypto.a
  ${deps}/lib/libcares.a ${STATIC_ZSTD} ${STATIC_LZMA} ${STATIC_BZ2} ${STATIC_ZLIB})
target_link_options(userpkg-static PRIVATE -static-pie -s -Wl,--gc-sections -Wl,--fatal-warnings)
set_target_properties(userpkg-static PROPERTIES OUTPUT_NAME userpkg
  RUNTIME_OUTPUT_DIRECTORY ${CMAKE_SOURCE_DIR}/build-static)
