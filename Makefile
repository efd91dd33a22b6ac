# streamtop — two commands: `make run` and `make test`.
SHELL := /bin/bash
SWIFT ?= swift
APT_PACKAGES := libncursesw5-dev libopenblas-dev ocl-icd-opencl-dev opencl-headers pocl-opencl-icd clinfo tmux python3-numpy libclblast1
# The default build runs on any x86-64; the float32 transcendentals (CFastMath) still pick SSE2,
# AVX2+FMA or AVX-512 at run time (STREAMTOP_SIMD=portable|avx2 caps it). Opt-in:
# `make release CPU=haswell` lets the compiler use AVX2/FMA in the Swift loops too.
CPU ?=
RELEASE_FLAGS := $(if $(CPU),-Xswiftc -target-cpu -Xswiftc $(CPU) --scratch-path .build-$(CPU),)
BIN_RELEASE := $(if $(CPU),.build-$(CPU)/release/streamtop,.build/release/streamtop)

.PHONY: deps build release run test test-engine test-tui sanitize bench bench-tui clean lint docs

# Installs only what is missing; does nothing when everything is there.
deps:
	@missing=""; for p in $(APT_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null; \
	fi
	@python3 -c 'import numpy' 2>/dev/null || /usr/bin/python3 -c 'import numpy' 2>/dev/null || \
	  python3 -m pip install -q numpy || echo "warning: numpy unavailable; NumPy reference tests will skip"

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release $(RELEASE_FLAGS)

run: release
	$(BIN_RELEASE) $(ARGS)

# The whole suite (Swift Testing). Debug build so preconditions and overflow checks are on.
test: deps
	$(SWIFT) build
	$(SWIFT) test --disable-xctest
	@if command -v python3 >/dev/null; then python3 -m unittest -q Benchmarks/test_bench.py; fi

# ThreadSanitizer, then AddressSanitizer (with LeakSanitizer), over the whole suite.
sanitize: deps
	STREAMTOP_SANITIZER=thread $(SWIFT) test --disable-xctest --sanitize=thread --scratch-path .build-tsan
	STREAMTOP_SANITIZER=address LSAN_OPTIONS=suppressions=$(CURDIR)/.ci/lsan.supp $(SWIFT) test --disable-xctest --sanitize=address --scratch-path .build-asan

# Ours against every peer in one run (Benchmarks/bench.py): prints the ratio table, writes
# BENCHMARKS.md's generated section and docs/bench-gflops.png. Makes .venv-bench (NumPy, matplotlib,
# MLX CPU) when missing. `make bench BENCH_ARGS=--quick` for one short round; on a machine without
# network: BENCH_ARGS="--no-venv --json-out results.json", then `bench.py --render` here.
BENCH_ARGS ?=
bench: release
	python3 Benchmarks/bench.py --bin $(BIN_RELEASE) --write $(BENCH_ARGS)

bench-tui: release
	$(SWIFT) run -c release $(RELEASE_FLAGS) tui-bench --json

clean:
	rm -rf .build .build-*

# Opt-in: captures the dashboard in tmux and renders docs/dashboard.png (needs ImageMagick,
# installed here only, not by `make deps`).
docs: release
	@convert -version 2>/dev/null | grep -q ImageMagick || { SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq imagemagick fonts-dejavu-core >/dev/null; }
	scripts/capture-docs.sh $(BIN_RELEASE)
