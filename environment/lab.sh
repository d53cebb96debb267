#!/usr/bin/env bash
# Opens JupyterLab on notebooks/ with the Java kernel, installing the environment first if needed.
# Budgets: DWGAN_BUDGET=paper (default), quick or smoke; see notebooks/README or the main README.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$ROOT/environment/install.sh"
export JUPYTER_PATH="$ROOT/environment/.venv/share/jupyter${JUPYTER_PATH:+:$JUPYTER_PATH}"
exec "$ROOT/environment/.venv/bin/jupyter" lab --notebook-dir="$ROOT/notebooks" "$@"
