# Safehub: the README's two commands are `make demo` and `make test`.
# Everything here installs what it needs first (scripts/setup.sh, Debian packages only).

DEMO_DB       ?= demo/safehub-demo.db
DEMO_CHILDREN ?= 2000
DEMO_YEARS    ?= 3
DEMO_SEED     ?= 1
DEMO_LISTEN   ?= 127.0.0.1:8080

.PHONY: setup build web demo test asan release bench fuzz clean

setup:
	bash scripts/setup.sh

build: setup
	cmake --preset dev
	cmake --build --preset dev
	$(MAKE) web

# The web UI: npm installs from the lock file only (no network after `npm ci`), Vite builds
# it into build/web, where `safehub serve` finds it beside the binary.
WEB_SOURCES := $(shell find web/src web/public -type f 2>/dev/null) web/index.html web/vite.config.ts web/tsconfig.json

web: build/web/index.html

web/node_modules/.package-lock.json: web/package-lock.json web/package.json
	npm --prefix web ci --no-audit --no-fund
	touch $@

build/web/index.html: web/node_modules/.package-lock.json $(WEB_SOURCES)
	npm --prefix web run build -- --outDir ../build/web --emptyOutDir

demo: build
	./build/safehub demo --db $(DEMO_DB) --children $(DEMO_CHILDREN) --years $(DEMO_YEARS) \
	  --seed $(DEMO_SEED) --listen $(DEMO_LISTEN)

test: build
	ctest --preset dev

# Sanitiser build and its tests (AddressSanitizer + UndefinedBehaviorSanitizer).
asan: setup
	cmake --preset asan
	cmake --build --preset asan
	ctest --preset asan

release: setup
	cmake --preset release
	cmake --build --preset release

# Benchmarks print their figures; they are never part of `make test`.
bench: release
	./build-release/bench/store_bench
	./build-release/bench/feed_bench
	./build-release/bench/my_work_bench
	bash bench/http_load.sh ./build-release/safehub

# libFuzzer builds of the fuzz targets with clang (see fuzz/README.md).
fuzz: setup
	bash fuzz/run.sh

clean:
	rm -rf build build-asan build-release build-fuzz
