# rtcost: the two Quick-start commands and the developer targets.
SWIFT ?= swift
BIN := .build/release/rtcost

.PHONY: setup forecast test lint format bench build clean docs-check docs-update

## Install the system libraries the package links (Debian/Ubuntu; needs root or sudo).
setup:
	@bash scripts/install-system-deps.sh

## The release binary, the Swift runtime and Foundation linked in (--static-swift-stdlib): it runs
## on a machine without Swift, and starts without loading them (~20 ms a short run, not ~28).
build: setup
	$(SWIFT) build -c release --product rtcost --static-swift-stdlib

## Main job: the policy forecast on the bundled home-robot scenario, with an HTML report.
forecast: build
	@mkdir -p out
	$(BIN) forecast --html out/forecast.html
	@echo "HTML report: out/forecast.html"

## All tests (Swift Testing), after the formatter lint.
test: setup
	$(SWIFT) test --parallel

lint:
	$(SWIFT) format lint --strict --recursive Package.swift Sources Tests Plugins Examples

format:
	$(SWIFT) format format --in-place --recursive Package.swift Sources Tests Plugins Examples

## Every benchmark; each prints its figures next to a baseline measured in the same run.
bench: setup
	@for script in scripts/bench-*.sh; do echo "== $$script"; bash "$$script" || exit 1; done

## Runs every command shown in README.md and docs/ and fails when an output changed.
docs-check: build
	python3 scripts/doc_outputs.py --bin .build/release

## Rewrites the shown outputs from what the commands print now (review the diff before committing).
docs-update: build
	python3 scripts/doc_outputs.py --bin .build/release --update

clean:
	rm -rf .build
