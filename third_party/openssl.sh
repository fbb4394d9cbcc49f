# Build steps for OpenSSL (sourced by build.sh in the unpacked source, with PREFIX and JOBS set).
# Only libcrypto and libssl, static, and nothing that loads code at run time: no-dso/no-engine
# (a static glibc program cannot dlopen the host's modules), no sockets of its own (libcurl owns the
# connection; OpenSSL's BIO_lookup would call getaddrinfo), no legacy provider, no tests.
# The static userpkg never reads an openssl.cnf (linkage/static/openssl_no_config.cpp) nor OpenSSL's
# default CA places (libcurl is always handed the bundle userpkg found), so OPENSSLDIR is never
# consulted; it names the usual place rather than a directory of the build machine.
./Configure linux-x86_64 --prefix="$PREFIX" --libdir=lib --openssldir=/etc/ssl \
  no-shared no-dso no-engine no-sock no-legacy no-tests no-comp no-ssl3 -O2
make -j "$JOBS" build_libs
make install_dev
