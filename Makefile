# Corridor: `make run` starts the daemon, `make test` runs every test.
# Each target installs the Debian packages it needs when they are missing,
# so a fresh Debian machine with Swift needs nothing typed first.

SHELL := /bin/bash
SWIFT ?= swift
PYTHON ?= python3
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

# Building needs the C libraries' headers and pkg-config files; running needs
# the system's time zone database (access windows keep local hours in a named zone).
BUILD_PACKAGES := libprotobuf-c-dev libsystemd-dev pkg-config tzdata
# Regenerating the code generated from proto/ needs protoc-c (the C side),
# protoc and Python's protobuf package (the Swift side, from protoc's descriptors:
# scripts/protoc-gen-corridor-swift.py). Debian's python3-protobuf serves the
# system python3; another python3 (PYTHON=...) gets the PyPI package instead.
REGEN_PACKAGES := protobuf-c-compiler protobuf-compiler python3-protobuf
# Testing also regenerates that code (drift check), drives systemd's tools, and
# installs the Python client (clients/python) in a virtual environment (python3-venv).
TEST_PACKAGES := $(BUILD_PACKAGES) $(REGEN_PACKAGES) systemd python3-venv
# The replication tests start a private PostgreSQL with the server's initdb and
# postgres (Tests/CorridorTestSupport/PostgresTestCluster.swift): Debian's
# postgresql when no server is installed under /usr/lib/postgresql.
POSTGRES_PACKAGES := $(if $(wildcard /usr/lib/postgresql/*/bin/initdb),,postgresql)

BIN := .build/debug
# The Python client with pandas, libhxl, pytest and mypy, installed editable
# (so it runs the working tree's code) in a virtual environment of its own:
# Debian's python3 refuses pip installs outside one. Reinstalled only when
# clients/python/pyproject.toml changes.
PYVENV := .build/python-venv

.PHONY: all build release run demo test test-swift test-interop test-python python-client test-systemd deps deps-test deps-regen \
        generate-proto check-proto man install benchmark link-order clean

all: build

# Installs whichever of $(1) dpkg does not list as installed.
define apt_install
	@missing=""; for p in $(1); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi
endef

deps:
	$(call apt_install,$(BUILD_PACKAGES))

deps-test:
	$(call apt_install,$(TEST_PACKAGES) $(POSTGRES_PACKAGES))
	@$(PYTHON) -c 'import google.protobuf, hxl' 2>/dev/null || \
	  { echo "Installing Python packages from Tests/Interop/requirements.txt"; \
	    $(PYTHON) -m pip install --quiet --disable-pip-version-check -r Tests/Interop/requirements.txt; }

deps-regen:
	$(call apt_install,$(REGEN_PACKAGES))
	@$(PYTHON) -c 'from google.protobuf import descriptor_pb2' 2>/dev/null || \
	  { echo "Installing the Python package protobuf for $(PYTHON)"; \
	    $(PYTHON) -m pip install --quiet --disable-pip-version-check "$$(grep '^protobuf' Tests/Interop/requirements.txt)"; }

build: deps
	$(SWIFT) build

# As installed (scripts/install-service) and measured (make benchmark): the Swift
# runtime linked in, and the link of Package.swift's releaseLinkFlags.
release: deps
	$(SWIFT) build -c release --static-swift-stdlib

# Sources/corridord/corridord.order, the functions placed first in the release
# corridord's .text (docs/PERFORMANCE.md, "Idle RSS"), from a profiled session.
link-order: deps
	$(call apt_install,valgrind binutils)
	scripts/generate-link-order

# The daemon in the foreground, with the local default socket and data
# directory that `corridorctl` finds with no flags. Ctrl-C stops it.
run: build
	$(BIN)/corridord

# Loads scenario 1 ("twenty-nine for twenty-nine") into the daemon `make run`
# started (in another terminal). Starts nothing itself.
demo: build
	@socket="$${CORRIDOR_SOCKET:-$${XDG_RUNTIME_DIR:+$$XDG_RUNTIME_DIR/corridor/corridord.sock}}"; \
	socket="$${socket:-/tmp/corridor-$$(id -u)/corridord.sock}"; \
	if [ ! -S "$$socket" ]; then \
	  echo "make demo: no corridord is running at $$socket."; \
	  echo "Start one with \`make run\` in another terminal, then run \`make demo\` again."; \
	  exit 1; \
	fi; \
	$(BIN)/corridorctl demo --socket "$$socket"

# corridorctlTests' ManualPageTests runs scripts/generate-man, which needs
# argument-parser's generate-manual tool built beside the products.
test: deps-test python-client
	$(SWIFT) build --build-tests
	$(SWIFT) build --product generate-manual
	$(SWIFT) test --skip-build
	$(PYTHON) Tests/Interop/interop_test.py --extended --corridord $(BIN)/corridord
	cd clients/python && ../../$(PYVENV)/bin/python -m mypy
	$(PYVENV)/bin/python -m pytest -q clients/python/tests --corridord $(BIN)/corridord

test-swift: deps-test
	$(SWIFT) build --build-tests
	$(SWIFT) build --product generate-manual
	$(SWIFT) test --skip-build

test-interop: deps-test build
	$(PYTHON) Tests/Interop/interop_test.py --extended --corridord $(BIN)/corridord

# The Python client's type check and its tests against a corridord of their own.
test-python: deps-test build python-client
	cd clients/python && ../../$(PYVENV)/bin/python -m mypy
	$(PYVENV)/bin/python -m pytest -q clients/python/tests --corridord $(BIN)/corridord

python-client: $(PYVENV)/.installed

$(PYVENV)/.installed: clients/python/pyproject.toml
	$(PYTHON) -m venv $(PYVENV)
	$(PYVENV)/bin/python -m pip install --quiet --disable-pip-version-check -e './clients/python[pandas,hxl,test]'
	touch $@

# corridord under a real systemd: a Debian bookworm container (made once
# with debootstrap, cached in .build/systemd-root) booted with systemd-nspawn,
# the release build installed by scripts/install-service, nine checks
# (docs/SYSTEMD.md, "Tested under a real systemd"). Needs root.
SYSTEMD_TEST_PACKAGES := debootstrap systemd-container util-linux

test-systemd: deps
	$(call apt_install,$(SYSTEMD_TEST_PACKAGES))
	$(SUDO) env PATH="$$PATH" scripts/test-systemd

# Rewrites the code generated from proto/ (commit the result): Sources/CCorridorProto,
# Sources/CorridorWire/Generated, Tests/CorridorProtoSamples/Generated.
generate-proto: deps-regen
	PYTHON=$(PYTHON) scripts/generate-proto

check-proto: deps-regen
	PYTHON=$(PYTHON) scripts/generate-proto --check

# The manual pages (corridorctl(1), one corridorctl-GROUP(1) per command group,
# corridord(1)) and bash, zsh and fish completions, into $(MAN_DIR) (built,
# not committed: scripts/generate-man makes them from the argument parsers).
# Read one with `man -l $(MAN_DIR)/man1/corridorctl.1`.
MAN_DIR := .build/man
man: build
	$(SWIFT) build --product generate-manual
	BIN_DIR=$(BIN) scripts/generate-man $(MAN_DIR)

# Installs the binaries, the systemd units, the manual pages and completions.
install: release
	$(SWIFT) build -c release --static-swift-stdlib --product generate-manual
	BIN_DIR=.build/release GENERATE_MANUAL=.build/release/generate-manual scripts/install-service

# The storage benchmark compares against SQLite through GRDB, which needs libsqlite3-dev.
benchmark: release
	$(call apt_install,libsqlite3-dev)
	cd Benchmarks && $(SWIFT) run -c release corridor-benchmarks rpc
	cd Benchmarks && $(SWIFT) run -c release corridor-benchmarks storage
	cd Benchmarks && $(SWIFT) run -c release corridor-benchmarks registry

# The Swift suites under AddressSanitizer (with LeakSanitizer) and, separately,
# ThreadSanitizer (docs/TESTING.md, "Sanitizers"): each builds everything again
# in its own scratch path (.build-asan, .build-tsan), so the plain debug build
# is left alone, and each fails on a failed test or any sanitizer report.
# Slow (two full builds, tests several times slower), so not in `make test`.
# The toolchain carries the sanitizer runtimes (LeakSanitizer is in ASan's).
.PHONY: test-sanitize test-asan test-tsan
test-sanitize:
	@status=0; \
	$(MAKE) --no-print-directory test-asan || status=1; \
	$(MAKE) --no-print-directory test-tsan || status=1; \
	exit $$status

test-asan: deps-test
	SWIFT=$(SWIFT) Tests/Sanitizers/run-sanitized address

test-tsan: deps-test
	SWIFT=$(SWIFT) Tests/Sanitizers/run-sanitized thread

# The libFuzzer targets (Fuzz/, docs/FUZZING.md): each runs SECONDS seconds
# (default 60) over a copy of its seed corpus, and any crash fails the run and
# names the crashing input. Slow to build (sanitizers), so not in `make test`.
.PHONY: fuzz
fuzz: deps
	JOBS=$(or $(JOBS),1) TARGETS="$(TARGETS)" Fuzz/scripts/run-fuzz $(or $(SECONDS),60)

# CI's check of the fuzz targets (.ci/run): every target must build, and run
# its whole seed corpus then SECONDS (default 5) of mutations without a
# crash, two at a time. A target that stops compiling fails CI here, not
# weeks later in someone's `make fuzz`.
.PHONY: fuzz-smoke
fuzz-smoke: deps
	JOBS=$(or $(JOBS),2) TARGETS="$(TARGETS)" Fuzz/scripts/run-fuzz $(or $(SECONDS),5)

clean:
	rm -rf .build Benchmarks/.build
