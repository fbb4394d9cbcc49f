# Build steps for libcurl: static, TLS with the OpenSSL built before it, names resolved by c-ares
# (built before it; glibc's resolver would dlopen the host's NSS modules), and only the
# protocols userpkg uses (HTTP, HTTPS, FILE, FTP). No CA path is compiled in: userpkg always names
# the bundle it found (fetch/ca_bundle.cpp). No netrc (its lookup calls getpwuid).
PKG_CONFIG_PATH="$PREFIX/lib/pkgconfig" ./configure --prefix="$PREFIX" \
  --disable-shared --enable-static --with-openssl="$PREFIX" --enable-ares="$PREFIX" --with-zlib \
  --without-ca-bundle --without-ca-path --without-ca-fallback \
  --without-libpsl --without-libidn2 --without-nghttp2 --without-brotli --without-zstd \
  --without-librtmp --without-libssh2 --without-libssh --without-gssapi \
  --disable-ldap --disable-ldaps --disable-rtsp --disable-dict --disable-telnet --disable-tftp \
  --disable-pop3 --disable-imap --disable-smtp --disable-gopher --disable-mqtt --disable-smb \
  --disable-websockets --disable-netrc --disable-manual --disable-docs
make -j "$JOBS" -C lib
make -C lib install
make -C include install
