# bantin: two commands do all set-up on a fresh Debian/Ubuntu machine with the Swift 6 toolchain:
#   make site   builds the sample portal into public/
#   make test   runs the test suite
SWIFT ?= swift
APT_PACKAGES = pkg-config libcmark-gfm-dev libcmark-gfm-extensions-dev
SUDO = $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: site test deps release serve clean

site: release
	.build/release/bantin build --content content --templates templates --output public

test: deps
	$(SWIFT) test

release: deps
	$(SWIFT) build -c release --product bantin

# Installs the C library (and pkg-config) from apt only when pkg-config cannot find it.
deps:
	@if ! command -v pkg-config >/dev/null 2>&1 || ! pkg-config --exists libcmark-gfm; then \
		echo "installing $(APT_PACKAGES)"; \
		$(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $(APT_PACKAGES); \
	fi
	@command -v $(SWIFT) >/dev/null 2>&1 || { echo "Swift 6 toolchain not found on PATH (see README)"; exit 1; }

clean:
	rm -rf .build public .public.building .public.previous

# Times related news on generated sites of 1,000 and 10,000 articles (bench/README.md); release mode.
.PHONY: bench-related
bench-related: deps
	$(SWIFT) build -c release --product bantin-bench
	.build/release/bantin-bench related
