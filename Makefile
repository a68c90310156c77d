# beladdr — the two commands of the README, and their building blocks.
#
#   make serve   install dependencies, build, import data/ into var/index
#                (when needed) and run the server on $(HOST):$(PORT)
#   make test    install dependencies, build, run the whole test suite
#
# Also: make quality (search quality figures), make bench (Google Benchmark
# latency), make load (HTTP load figures with wrk), make peers (beladdr
# side by side with PostgreSQL pg_trgm and SQLite FTS5).
#
# Everything is idempotent: a second run only does what changed.

HOST ?= 127.0.0.1
PORT ?= 8080
BUILD ?= build
INDEX ?= var/index
JOBS ?= $(shell nproc)

.PHONY: serve test deps build index quality bench load peers clean

serve: index
	@echo "beladdr: starting the server on http://$(HOST):$(PORT) (Ctrl-C stops it)"
	exec $(BUILD)/bin/beladdr-server --index $(INDEX) --host $(HOST) --port $(PORT)

test: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

deps:
	@scripts/deps.sh

build: deps
	@[ -f $(BUILD)/CMakeCache.txt ] || cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=Release
	cmake --build $(BUILD) -j $(JOBS)

index: build
	@scripts/ensure_index.sh $(INDEX)

quality: index
	$(BUILD)/bin/beladdr-quality evaluate --index $(INDEX) --failures 10

bench: index
	BELADDR_INDEX=$(INDEX) $(BUILD)/bin/search_bench --benchmark_repetitions=5 \
	  --benchmark_report_aggregates_only=true

load: index
	INDEX=$(INDEX) BIN=$(BUILD)/bin bench/load/run.sh

peers: build
	BUILD=$(BUILD) bench/peers/run.sh

clean:
	rm -rf $(BUILD) var
