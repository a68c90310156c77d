# beladdr — the two commands of the README, and their building blocks.
#
#   make serve   install dependencies, build, import data/ into var/index
#                (when needed) and run the server on $(HOST):$(PORT)
#   make test    install dependencies, build, run the whole test suite
#
# Everything is idempotent: a second run only does what changed.

HOST ?= 127.0.0.1
PORT ?= 8080
BUILD ?= build
INDEX ?= var/index
JOBS ?= $(shell nproc)

.PHONY: serve test deps build index clean

serve: index
	@echo "beladdr: the index is ready at $(INDEX) (the server comes with the server issue)"

test: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

deps:
	@scripts/deps.sh

build: deps
	@[ -f $(BUILD)/CMakeCache.txt ] || cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=Release
	cmake --build $(BUILD) -j $(JOBS)

index: build
	@scripts/ensure_index.sh $(INDEX)

clean:
	rm -rf $(BUILD) var
