# rtcost: the two Quick-start commands and the developer targets.
SWIFT ?= swift
BIN := .build/release/rtcost

.PHONY: setup forecast test lint format bench build clean

## Install the system libraries the package links (Debian/Ubuntu; needs root or sudo).
setup:
	@bash scripts/install-system-deps.sh

build: setup
	$(SWIFT) build -c release --product rtcost

## Main job: the most complete job on the bundled default.
forecast: build
	$(BIN) prices

## All tests (Swift Testing), after the formatter lint.
test: setup
	$(SWIFT) test --parallel

lint:
	$(SWIFT) format lint --strict --recursive Package.swift Sources Tests

format:
	$(SWIFT) format format --in-place --recursive Package.swift Sources Tests

bench: setup
	@bash scripts/bench.sh

clean:
	rm -rf .build
