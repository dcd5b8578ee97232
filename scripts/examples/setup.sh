#!/usr/bin/env bash
# Creates .venv with the pinned CPU packages that the glossary's Python examples run against.
# Where pip is configured with a local package mirror (file:// index URLs), only the mirror is used.
set -euo pipefail
cd "$(dirname "$0")/../.."
PY="${PYTHON:-python3}"
if ! command -v "$PY" >/dev/null; then
  if command -v apt-get >/dev/null; then apt-get update -qq && apt-get install -y -qq python3 python3-venv >/dev/null; PY=python3
  else echo "python3 is required" >&2; exit 1; fi
fi
[ -x .venv/bin/python ] || "$PY" -m venv .venv || { command -v apt-get >/dev/null && apt-get install -y -qq python3-venv >/dev/null && "$PY" -m venv .venv; }
args=()
mirrors=$("$PY" -m pip config list 2>/dev/null | sed -n "s/^global\.extra-index-url='\(.*\)'$/\1/p" | tr ' ' '\n' | grep '^file://' || true)
if [ -n "$mirrors" ]; then
  first=1
  for m in $mirrors; do
    if [ $first = 1 ]; then args+=(--index-url "$m"); first=0; else args+=(--extra-index-url "$m"); fi
  done
fi
.venv/bin/pip install -q --disable-pip-version-check "${args[@]}" -r scripts/examples/requirements.txt
.venv/bin/python -c "import torch, numpy, sklearn, scipy, transformers, jax; print('examples environment: torch', torch.__version__, '| numpy', numpy.__version__, '| scikit-learn', sklearn.__version__, '| transformers', transformers.__version__, '| jax', jax.__version__)"
