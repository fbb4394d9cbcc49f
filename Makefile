# Thin front for CMake: make, make test, make install PREFIX=..., make deps.
BUILD ?= build
PREFIX ?= /usr/local
JOBS ?= $(shell nproc)
DEB_PACKAGES = g++ cmake make pkg-config libcurl4-openssl-dev libarchive-dev libssl-dev \
  catch2 libtomlplusplus-dev nlohmann-json3-dev libcli11-dev \
  nginx-light openssl python3 python3-venv procps xz-utils bzip2 \
  zsh fish tmux lmod git patch

.PHONY: all test install deps clean

all: $(BUILD)/Makefile
	cmake --build $(BUILD) -j $(JOBS)

$(BUILD)/Makefile: CMakeLists.txt
	cmake -S . -B $(BUILD) -DCMAKE_INSTALL_PREFIX=$(PREFIX)

test: all
	cd $(BUILD) && ctest --output-on-failure

install: all
	cmake --install $(BUILD) --prefix $(PREFIX)

deps:
	@if [ "$$(id -u)" = 0 ]; then \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(DEB_PACKAGES); \
	else \
	  echo "As root, run: apt-get install $(DEB_PACKAGES)"; \
	fi

clean:
	rm -rf $(BUILD)
