# rtcost: the two Quick-start commands and the developer targets.
SWIFT ?= swift
BIN := .build/release/rtcost

.PHONY: setup forecast test lint format bench build clean

## Install the system libraries the package links (Debian/Ubuntu; needs root or sudo).
setup:
	@bash scripts/install-system-deps.sh

build: setup
	$(SWIFT) build -c release --product rtcost

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

clean:
	rm -rf .build
