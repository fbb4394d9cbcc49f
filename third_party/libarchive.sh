# Build steps for libarchive: static, with the compression formats userpkg unpacks (gzip, bzip2,
# xz, zstd: Debian's static libraries) and nothing else: no iconv (a static glibc loads its
# converters with dlopen), no ACLs or xattrs, no crypto, no command-line tools.
./configure --prefix="$PREFIX" --disable-shared --enable-static \
  --disable-bsdtar --disable-bsdcpio --disable-bsdcat --disable-bsdunzip \
  --with-zlib --with-bz2lib --with-lzma --with-zstd \
  --without-lz4 --without-libb2 --without-openssl --without-nettle --without-mbedtls --without-cng \
  --without-xml2 --without-expat --without-iconv --disable-acl --disable-xattr
make -j "$JOBS"
make install-libLTLIBRARIES install-includeHEADERS
