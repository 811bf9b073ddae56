# The two front-door commands (README): `make run` and `make test`. Both install what they need first,
# idempotently: system packages when missing (as root), the test venv once.
SWIFT ?= swift
VENV ?= .venv
SYSTEM_PACKAGES := make git ca-certificates python3 python3-venv

.PHONY: run test build release deps venv bench clean-out

deps:
	@missing=""; for tool in git python3; do command -v $$tool >/dev/null 2>&1 || missing="$$missing $$tool"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $(SYSTEM_PACKAGES); \
	  else echo "missing:$$missing — install them (e.g. sudo apt-get install$$missing)" >&2; exit 1; fi; \
	fi

venv: deps
	ci/setup-python-env.sh $(VENV)

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release

# The main job on the offline default: the reference model over the built-in suite. No network, no keys.
run: build
	.build/debug/codescore run --models reference --out codescore-out

test: venv
	$(SWIFT) build --build-tests
	CODESCORE_TEST_PYTHON=$(abspath $(VENV))/bin/python $(SWIFT) test --skip-build

# Runner benchmark against the fixture server (figures, not a pass/fail test).
bench: release
	python3 bench/runner/bench.py --codescore .build/release/codescore
