# bantin: two commands do all set-up on a fresh Debian/Ubuntu machine with the Swift 6 toolchain:
#   make site   builds the sample portal into public/
#   make test   runs the test suite
SWIFT ?= swift
APT_PACKAGES = pkg-config libcmark-gfm-dev libcmark-gfm-extensions-dev
SUDO = $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: site test deps release serve clean bench-incremental

site: release
	.build/release/bantin build --content content --templates templates --output public

test: deps
	$(SWIFT) test

release: deps
	$(SWIFT) build -c release --product bantin

# Preview while writing: builds into .bantin/serve/, serves it, rebuilds and reloads after every save.
serve: release
	.build/release/bantin serve

# One-article edit on a generated 10,000-article site: incremental build, serve start-up and rebuild times.
bench-incremental: release
	bench/incremental.sh 10000

# Installs the C library (and pkg-config) from apt only when pkg-config cannot find it.
deps:
	@if ! command -v pkg-config >/dev/null 2>&1 || ! pkg-config --exists libcmark-gfm; then \
		echo "installing $(APT_PACKAGES)"; \
		$(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $(APT_PACKAGES); \
	fi
	@command -v $(SWIFT) >/dev/null 2>&1 || { echo "Swift 6 toolchain not found on PATH (see README)"; exit 1; }

clean:
	rm -rf .build .bantin public .public.building .public.previous
