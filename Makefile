# Thin front for CMake: make, make test, make install PREFIX=..., make static, make dist, make deps.
BUILD ?= build
STATIC ?= build-static
PREFIX ?= /usr/local
JOBS ?= $(shell nproc)
DEB_PACKAGES = g++ cmake make pkg-config libcurl4-openssl-dev libarchive-dev libssl-dev \
  catch2 libtomlplusplus-dev nlohmann-json3-dev libcli11-dev \
  nginx-light openssl python3 python3-venv procps xz-utils bzip2 \
  zsh fish tmux lmod git patch \
  zlib1g-dev libbz2-dev liblzma-dev libzstd-dev perl debootstrap
VERSION := $(shell grep -m1 -o 'userpkg VERSION [0-9.]*' CMakeLists.txt | cut -d' ' -f3)
DIST_NAME = userpkg-$(VERSION)-x86_64-linux

.PHONY: all test install static dist deps clean

all: $(BUILD)/Makefile
	cmake --build $(BUILD) -j $(JOBS)

$(BUILD)/Makefile: CMakeLists.txt
	cmake -S . -B $(BUILD) -DCMAKE_INSTALL_PREFIX=$(PREFIX)

test: all
	cd $(BUILD) && ctest --output-on-failure

install: all
	cmake --install $(BUILD) --prefix $(PREFIX) --strip

# The static binary $(STATIC)/userpkg, from the objects of the normal build plus the libraries
# third_party/build.sh builds from pinned, verified sources (USERPKG_THIRD_PARTY_MIRROR=DIR takes
# them from DIR/<name>/<file> instead of upstream).
static: $(BUILD)/Makefile
	third_party/build.sh $(STATIC)/third_party
	cmake -S . -B $(BUILD) -DUSERPKG_STATIC_DEPS=$(CURDIR)/$(STATIC)/third_party/prefix
	cmake --build $(BUILD) -j $(JOBS) --target userpkg-static

# dist/$(DIST_NAME).tar.gz (the static binary, the README and the licences of what is linked into
# it) and its .sha256 beside it.
dist: static
	rm -rf dist/$(DIST_NAME) && mkdir -p dist/$(DIST_NAME)
	cp $(STATIC)/userpkg README.md dist/$(DIST_NAME)/
	cp -r $(STATIC)/third_party/licenses dist/$(DIST_NAME)/licenses
	if [ -f LICENSE ]; then cp LICENSE dist/$(DIST_NAME)/; fi
	tar -C dist --sort=name --owner=0 --group=0 --numeric-owner --mtime=@$$(git log -1 --format=%ct 2>/dev/null || echo 0) \
	  -cf - $(DIST_NAME) | gzip -9n > dist/$(DIST_NAME).tar.gz.part
	mv dist/$(DIST_NAME).tar.gz.part dist/$(DIST_NAME).tar.gz
	rm -rf dist/$(DIST_NAME)
	cd dist && sha256sum $(DIST_NAME).tar.gz > $(DIST_NAME).tar.gz.sha256
	@echo "dist/$(DIST_NAME).tar.gz and .sha256 ready"

deps:
	@if [ "$$(id -u)" = 0 ]; then \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(DEB_PACKAGES); \
	else \
	  echo "As root, run: apt-get install $(DEB_PACKAGES)"; \
	fi

clean:
	rm -rf $(BUILD) $(STATIC) dist
