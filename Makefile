# Runnel — common tasks. `make demo` and `make test` work on a fresh Debian machine.
SWIFT ?= swift
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
RUNNEL := .build/debug/runnel

.PHONY: deps test-deps build demo test bench clean templates schemas

# Install the system packages the build needs (libgit2 for the git layer) and the tools the
# demo and the tests run (git, python3, openssl; postgresql for the PostgreSQL store's tests;
# chromium and its driver for the dashboard's browser tests), when missing.
deps:
	@missing=""; dpkg -s libgit2-dev pkg-config >/dev/null 2>&1 || missing="libgit2-dev pkg-config"; \
	dpkg -s postgresql >/dev/null 2>&1 || missing="$$missing postgresql"; \
	for tool in git python3 openssl; do command -v $$tool >/dev/null || missing="$$missing $$tool"; done; \
	for pkg in chromium chromium-driver fonts-dejavu-core; do dpkg -s $$pkg >/dev/null 2>&1 || missing="$$missing $$pkg"; done; \
	if [ -n "$$missing" ]; then $(SUDO) apt-get update && $(SUDO) apt-get install -y $$missing; fi

# The Python tools some tests drive (schemathesis against the live API, check-jsonschema
# over the examples); installed from PyPI when missing.
test-deps:
	@bash scripts/test-deps.sh

build: deps
	$(SWIFT) build --product runnel

# The main job on the bundled examples: validate every workflow and template, show when
# each schedule fires next, run the offline example and list the recorded runs.
demo: build
	$(RUNNEL) validate workflows templates
	@echo
	$(RUNNEL) schedules workflows
	@echo
	$(RUNNEL) run local/disk-report --input threshold_mb=100
	@echo
	$(RUNNEL) runs --limit 5
	@echo
	bash scripts/demo-daemon.sh

# The tests, with a throwaway PostgreSQL (scripts/test-postgres.sh) started before them and
# stopped after them, whatever they answer.
# The test binary that `swift test` runs, run directly to cap how many tests run at once: with
# every test at once the process holds ~1,500 descriptors, and Swift 6.3.1's Foundation
# Process.run() then over-reads /proc/self/fd's listing and crashes now and then
# (swift-corelibs-foundation PR 5472); 32 at once stays under ~900 and is as fast.
TEST_BINARY := .build/debug/runnelPackageTests.xctest

test: deps test-deps
	$(SWIFT) build --build-tests
	@bash scripts/test-postgres.sh start >/dev/null; \
	eval "$$(bash scripts/test-postgres.sh env)"; status=0; \
	$(TEST_BINARY) --testing-library swift-testing --experimental-maximum-parallelization-width 32 || status=$$?; \
	bash scripts/test-postgres.sh stop; exit $$status

# Speed figures (release build): validation, cron, git history, engine and daemon (wrk for HTTP).
bench: deps
	@command -v wrk >/dev/null || { $(SUDO) apt-get update && $(SUDO) apt-get install -y wrk; }
	$(SWIFT) build -c release --product runnel-bench
	.build/release/runnel-bench

# Compile templates/ into the binary's built-in gallery (run after editing templates/).
templates:
	python3 scripts/generate-builtin-templates.py

# Write schemas/template.schema.json and compile schemas/ into the binary (run after editing schemas/).
schemas:
	python3 scripts/generate-schemas.py

clean:
	rm -rf .build
