# bantin: two commands do all set-up on a fresh Debian/Ubuntu machine with the Swift 6 toolchain:
#   make site   builds the sample portal into public/
#   make test   runs the test suite
SWIFT ?= swift
# zlib1g-dev: the visit counter reads rotated .gz access logs with the system zlib.
# goaccess: make crosscheck-counter compares the counter's figures with GoAccess's.
APT_PACKAGES = pkg-config libcmark-gfm-dev libcmark-gfm-extensions-dev zlib1g-dev goaccess
SUDO = $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: site test deps release serve clean fuzz bench-counter crosscheck-counter bench-incremental

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

# Installs the C libraries (and pkg-config) from apt only when pkg-config cannot find them.
deps:
	@if ! command -v pkg-config >/dev/null 2>&1 || ! pkg-config --exists libcmark-gfm zlib || ! command -v goaccess >/dev/null 2>&1; then \
		echo "installing $(APT_PACKAGES)"; \
		$(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $(APT_PACKAGES); \
	fi
	@command -v $(SWIFT) >/dev/null 2>&1 || { echo "Swift 6 toolchain not found on PATH (see README)"; exit 1; }

# Times the visit counter on 1,000,000 generated log lines (release build; see bench/README.md).
bench-counter: deps
	$(SWIFT) build -c release --product CounterBench
	.build/release/CounterBench --lines 1000000 --content content

# Per-day unique visitors and page hits of one generated log, by bantin and by GoAccess (bench/README.md).
crosscheck-counter: deps
	bench/goaccess-crosscheck.sh

# libFuzzer over the parsers that read editors' files (FUZZ_TARGET=article) and, later, access logs.
FUZZ_TARGET ?= article
FUZZ_SECONDS ?= 60
fuzz: deps
	bench/fuzz.sh $(FUZZ_TARGET) $(FUZZ_SECONDS)

clean:
	rm -rf .build .bantin public .public.building .public.previous
