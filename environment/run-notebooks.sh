#!/usr/bin/env bash
# Executes every notebook in notebooks/ in order, headless, with a budget:
#   environment/run-notebooks.sh [smoke|quick|paper] [NOTEBOOK...]
# (or DWGAN_BUDGET; default paper). Executed copies (.ipynb and .html) go to results/notebooks/,
# figures and tables to results/. Exits non-zero naming the notebook and cell that failed.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [ $# -gt 0 ] && [[ "$1" =~ ^(smoke|quick|paper)$ ]]; then
  export DWGAN_BUDGET="$1"
  shift
fi
export DWGAN_BUDGET="${DWGAN_BUDGET:-paper}"
export DWGAN_HEADLESS=1
"$ROOT/environment/install.sh"
export JUPYTER_PATH="$ROOT/environment/.venv/share/jupyter${JUPYTER_PATH:+:$JUPYTER_PATH}"
exec "$ROOT/environment/.venv/bin/python" "$ROOT/environment/run_notebooks.py" \
  --notebooks "$ROOT/notebooks" --out "$ROOT/results/notebooks" "$@"
