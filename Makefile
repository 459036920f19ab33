MAKEFLAGS += --no-print-directory
# awardflow — the two commands: `make run` and `make test`. Everything else is a helper.
BUILD      ?= build
ASAN_BUILD ?= build-asan
JOBS       ?= $(shell nproc 2>/dev/null || echo 2)
WERROR     ?= OFF
CMAKE_ARGS ?=

.PHONY: all deps deps-test deps-bench configure build run test test-asan golden bench fuzz lint format clean

all: build

deps:
	@scripts/install-deps.sh

deps-test:
	@scripts/install-deps.sh --test

deps-bench:
	@scripts/install-deps.sh --bench

configure: deps
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DAWARDFLOW_WERROR=$(WERROR) $(CMAKE_ARGS) >/dev/null

build: configure
	@cmake --build $(BUILD) -j $(JOBS)

# Until the HTTP server exists (issue 5), the main job prepares the demo data directory (var/:
# store, agency key, demo accounts, signing keys and dossiers in several states; idempotent),
# shows what is in it and how to work with it from the command line.
DATA ?= var
run: build
	@$(BUILD)/awardflow init --demo --data $(DATA)
	@echo
	@echo "== dossiers in $(DATA) (as the standing office, thuong-truc)"
	@$(BUILD)/awardflow dossiers --data $(DATA) --as thuong-truc
	@echo
	@$(BUILD)/awardflow audit verify --data $(DATA)
	@echo
	@echo "Try (README, 'Working a dossier'):"
	@echo "  export AWARDFLOW_DATA=$(DATA)"
	@echo "  $(BUILD)/awardflow status HS-$$(date +%Y)-000002 --as hoi-dong-2"
	@echo "  $(BUILD)/awardflow vote HS-$$(date +%Y)-000002 approve --as hoi-dong-2"
	@echo "  $(BUILD)/awardflow history HS-$$(date +%Y)-000001 --as luu-tru"
	@echo "  $(BUILD)/awardflow --help"

test: deps-test build
	@cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

# The same suite under AddressSanitizer and UndefinedBehaviorSanitizer.
test-asan: deps-test
	@cmake -S . -B $(ASAN_BUILD) -DCMAKE_BUILD_TYPE=Debug -DAWARDFLOW_SANITIZE=ON -DAWARDFLOW_BUILD_BENCH=OFF \
	  -DAWARDFLOW_WERROR=$(WERROR) >/dev/null
	@cmake --build $(ASAN_BUILD) -j $(JOBS)
	@cd $(ASAN_BUILD) && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 ctest --output-on-failure -j $(JOBS)

# Rewrites every samples/**/*.expected.json from the current binary; review `git diff` after.
golden: build
	@cd $(BUILD) && AWARDFLOW_UPDATE_GOLDEN=1 ctest -R '^golden: ' -j $(JOBS) >/dev/null
	@git status --short samples

# Each benchmark prints its figures beside the peer measured in the same run; record them in
# bench/RESULTS.md with the machine they came from.
bench: deps-bench build
	@$(BUILD)/bench/awardflow_validate_bench
	@echo
	@$(BUILD)/bench/awardflow_sign_bench
	@echo
	@$(BUILD)/bench/awardflow_workflow_bench $(BUILD)/bench-data

# libFuzzer on every parser of untrusted bytes, FUZZ_SECONDS each, seeded from samples/ and
# workflows/; a crash leaves its input in build-fuzz/ and fails the target. Not part of CI.
FUZZ_SECONDS ?= 60
FUZZ_BUILD   ?= build-fuzz
fuzz:
	@scripts/install-deps.sh --fuzz
	@CC=clang CXX=clang++ cmake -S . -B $(FUZZ_BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DAWARDFLOW_FUZZ=ON \
	  -DAWARDFLOW_BUILD_TESTS=OFF -DAWARDFLOW_BUILD_BENCH=OFF >/dev/null
	@cmake --build $(FUZZ_BUILD) -j $(JOBS)
	@mkdir -p $(FUZZ_BUILD)/corpus-xml $(FUZZ_BUILD)/corpus-rulebook
	@cp samples/dossiers/*/*.xml $(FUZZ_BUILD)/corpus-xml/
	@cp workflows/*.xml $(FUZZ_BUILD)/corpus-rulebook/
	@cd $(FUZZ_BUILD) && for t in fuzz_validate fuzz_c14n_stream fuzz_verify; do \
	  echo "== $$t"; ./tests/fuzz/$$t -max_total_time=$(FUZZ_SECONDS) -max_len=65536 corpus-xml || exit 1; done
	@cd $(FUZZ_BUILD) && echo "== fuzz_rulebook" && ./tests/fuzz/fuzz_rulebook -max_total_time=$(FUZZ_SECONDS) corpus-rulebook
	@cd $(FUZZ_BUILD) && echo "== fuzz_base64" && ./tests/fuzz/fuzz_base64 -max_total_time=$(FUZZ_SECONDS)

lint: configure
	@find engine -name '*.cpp' | xargs clang-tidy -p $(BUILD) --quiet

format:
	@find engine tests bench -name '*.cpp' -o -name '*.hpp' | xargs clang-format -i

clean:
	@rm -rf $(BUILD) $(ASAN_BUILD)
