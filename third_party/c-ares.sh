# Build steps for c-ares, libcurl's resolver in the static build: it reads /etc/hosts,
# /etc/resolv.conf (with its timeout: and attempts: options) and /etc/nsswitch.conf itself, where
# glibc's resolver would dlopen the host's NSS modules. Static library and headers only.
./configure --prefix="$PREFIX" --disable-shared --enable-static --disable-tests
make -j "$JOBS" -C src/lib
make -C src/lib install
make -C include install
make install-pkgconfigDATA
