MAKEFLAGS += --no-print-directory
# awardflow — the two commands: `make run` and `make test`. Everything else is a helper.
BUILD      ?= build
ASAN_BUILD ?= build-asan
JOBS       ?= $(shell nproc 2>/dev/null || echo 2)
WERROR     ?= OFF
CMAKE_ARGS ?=

.PHONY: crash all deps deps-test deps-bench configure build run test test-asan golden bench fuzz lint format clean screenshots

all: build

deps:
	@scripts/install-deps.sh

deps-test:
	@scripts/install-deps.sh --test
	@[ -d tests/web/node_modules/playwright-core ] || npm ci --prefix tests/web --silent --no-audit --no-fund

deps-bench:
	@scripts/install-deps.sh --bench

configure: deps
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DAWARDFLOW_WERROR=$(WERROR) $(CMAKE_ARGS) >/dev/null

build: configure
	@cmake --build $(BUILD) -j $(JOBS)

# The main job: prepare the demo data directory (var/: store, agency key, demo accounts, signing
# keys and dossiers in several states; idempotent), then serve it over HTTP until Ctrl-C.
DATA   ?= var
LISTEN ?= 127.0.0.1:8080
run: build
	@$(BUILD)/awardflow init --demo --data $(DATA)
	@echo
	@$(BUILD)/awardflow audit verify --data $(DATA)
	@echo
	@echo "== awardflow is at http://$(LISTEN)/  (sign in in the browser; API: /api/v1, /api/openapi.json)"
	@echo "   API sign-in: POST /api/v1/session {\"login\":\"thuong-truc\",\"password\":\"demo-thuong-truc-2026\"}"
	@echo "   Demo logins (password demo-LOGIN-2026): thuong-truc (standing office), chu-tich (chairperson),"
	@echo "   hoi-dong-1..3 (council), luu-tru (archivist), quan-tri (admin), pho-chau, son-tien,"
	@echo "   thcs-son-tien, pgddt (submitting units) — the district era, seeing the whole installation."
	@echo "   Province platform: tinh-van-phong (Sở Nội vụ), tinh-chu-tich, tinh-hoi-dong-1..3, tinh-luu-tru,"
	@echo "   tinh-quan-tri; per commune (sonkim1-, sontay-, huongson-) and the Sở GD&ĐT (sgddt-) + van-phong,"
	@echo "   chu-tich, hoi-dong-1..3, luu-tru, quan-tri; units xa-sonkim1, tyt-sonkim1, thon-trungluu,"
	@echo "   tyt-sontay, xa-huongson, so-gddt, thpt-huongson."
	@echo "   Who is where: README, 'The data directory'. Command line: README, 'Working a dossier'."
	@echo
	@$(BUILD)/awardflow serve --data $(DATA) --listen $(LISTEN)

test: deps-test build
	@cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

# The same suite under AddressSanitizer and UndefinedBehaviorSanitizer.
test-asan: deps-test
	@cmake -S . -B $(ASAN_BUILD) -DCMAKE_BUILD_TYPE=Debug -DAWARDFLOW_SANITIZE=ON -DAWARDFLOW_BUILD_BENCH=OFF \
	  -DAWARDFLOW_WERROR=$(WERROR) >/dev/null
	@cmake --build $(ASAN_BUILD) -j $(JOBS)
	@cd $(ASAN_BUILD) && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 ctest --output-on-failure -j $(JOBS)

# Screenshots of the main pages, taken by the browser test, into docs/screenshots/.
screenshots: deps-test build
	@mkdir -p docs/screenshots
	@node tests/web/browser_test.js $(BUILD)/awardflow docs/screenshots
	@node tests/web/lifecycle_test.js $(BUILD)/awardflow docs/screenshots

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
	@echo
	@bench/http_bench.sh $(BUILD)
	@$(BUILD)/bench/awardflow_archive_bench $(BUILD)/archive-bench-data
	@echo
	@$(BUILD)/bench/awardflow_report_bench $(BUILD)/report-bench-data
	@$(BUILD)/bench/awardflow_province_bench $(BUILD)/province-bench-data

# Exactly once across kill -9, the long form: CRASH_ROUNDS rounds (20) of the test that
# `make test` runs 3 rounds of (tests/crash/exactly_once.py). Not part of CI.
CRASH_ROUNDS ?= 20
crash: deps-test build
	@python3 tests/crash/exactly_once.py $(BUILD)/awardflow . --rounds $(CRASH_ROUNDS)

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
