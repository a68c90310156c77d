# beladdr — the two commands of the README, and their building blocks.
#
#   make serve   install dependencies, build, import data/ into var/index
#                (when needed) and run the server on $(HOST):$(PORT)
#   make test    install dependencies, build, run the whole test suite
#
# Also: make quality (search quality figures), make bench (Google Benchmark
# latency), make load (HTTP load figures with wrk), make load-declarations
# (the S222 routes under load), make scale-out (two replicas, PostgreSQL
# and nginx; docs/DEPLOYMENT.md), make peers (beladdr
# side by side with PostgreSQL pg_trgm and SQLite FTS5), and the
# reliability checks of docs/RELIABILITY.md: make test-asan (the whole
# suite under AddressSanitizer + UBSan), make fuzz (libFuzzer, 10 minutes
# a target), make soak (10 minutes of steady load), make lint-openapi.
#
# Everything is idempotent: a second run only does what changed.

HOST ?= 127.0.0.1
PORT ?= 8080
BUILD ?= build
INDEX ?= var/index
JOBS ?= $(shell nproc)
ASAN_BUILD ?= build-asan
FUZZ_SECONDS ?= 600

.PHONY: serve test test-asan deps build index quality bench load load-autocomplete load-declarations scale-out peers fuzz soak clean lint-openapi

DECLARATIONS ?= rocksdb:var/declarations

serve: index
	@echo "beladdr: starting the server on http://$(HOST):$(PORT) (Ctrl-C stops it)"
	@echo "beladdr: declarations in $(DECLARATIONS); a central's key: $(BUILD)/bin/beladdr centrals add --declarations $(DECLARATIONS) --central ID"
	exec $(BUILD)/bin/beladdr-server --index $(INDEX) --host $(HOST) --port $(PORT) \
	  --declarations $(DECLARATIONS)

test: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

# The same suite built with -fsanitize=address,undefined (its own build
# directory; about 8 minutes to build from scratch on 2 cores).
test-asan: deps
	@[ -f $(ASAN_BUILD)/CMakeCache.txt ] || cmake -S . -B $(ASAN_BUILD) -G Ninja \
	  -DCMAKE_BUILD_TYPE=RelWithDebInfo -DBELADDR_SANITIZE=ON -DBELADDR_BUILD_BENCHMARKS=OFF
	cmake --build $(ASAN_BUILD) -j $(JOBS)
	cd $(ASAN_BUILD) && ASAN_OPTIONS=detect_leaks=1:strict_string_checks=1 \
	  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 ctest --output-on-failure -j $(JOBS)

deps:
	@scripts/deps.sh

build: deps
	@[ -f $(BUILD)/CMakeCache.txt ] || cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=Release
	cmake --build $(BUILD) -j $(JOBS)

index: build
	@scripts/ensure_index.sh $(INDEX)

# The development set (tuned on), then the validation set (never tuned on).
quality: index
	$(BUILD)/bin/beladdr-quality evaluate --index $(INDEX) --failures 10
	$(BUILD)/bin/beladdr-quality evaluate --index $(INDEX) --set bench/queries/validation --failures 0
	$(BUILD)/bin/beladdr-quality resolve --index $(INDEX) --failures 0
	$(BUILD)/bin/beladdr-quality resolve --index $(INDEX) --set bench/queries/validation --failures 0
	$(BUILD)/bin/beladdr-quality autocomplete --index $(INDEX) --failures 0
	$(BUILD)/bin/beladdr-quality autocomplete --index $(INDEX) --set bench/queries/validation --failures 0

bench: index
	BELADDR_INDEX=$(INDEX) $(BUILD)/bin/search_bench --benchmark_repetitions=5 \
	  --benchmark_report_aggregates_only=true

load: index
	INDEX=$(INDEX) BIN=$(BUILD)/bin bench/load/run.sh

# Search as you type over HTTP: every prefix of typed queries, 32
# connections (bench/load/autocomplete.sh).
load-autocomplete: index
	INDEX=$(INDEX) BIN=$(BUILD)/bin bench/load/autocomplete.sh

# Declarations over HTTP: creates/s (synced writes), then searches with
# 100,000 declarations stored (bench/load/declarations.sh).
load-declarations: index
	INDEX=$(INDEX) BIN=$(BUILD)/bin bench/load/declarations.sh

# Two replicas, one PostgreSQL, nginx in front; a replica killed mid-run
# (scripts/scale_out.sh, docs/DEPLOYMENT.md).
scale-out: index
	@scripts/deps.sh --scale-out
	INDEX=$(INDEX) BIN=$(BUILD)/bin scripts/scale_out.sh

peers: build
	BUILD=$(BUILD) bench/peers/run.sh

fuzz: index
	fuzz/run.sh $(FUZZ_SECONDS)

soak: index
	INDEX=$(INDEX) BIN=$(BUILD)/bin bench/load/soak.sh

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) build-fuzz var

# Lints docs/openapi.yaml with @redocly/cli from the npm registry (the
# server also serves it at /openapi.yaml; a test checks that every status
# it answers is documented).
lint-openapi:
	npx --yes @redocly/cli@1.25.0 lint --config docs/redocly.yaml docs/openapi.yaml
