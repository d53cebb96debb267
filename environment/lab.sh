#!/usr/bin/env bash
# Opens JupyterLab on notebooks/ with the Java kernel, installing the environment first if needed.
# Budgets: DWGAN_BUDGET=paper (default), quick or smoke; see notebooks/README or the main README.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$ROOT/environment/install.sh"
export JUPYTER_PATH="$ROOT/environment/.venv/share/jupyter${JUPYTER_PATH:+:$JUPYTER_PATH}"
EXTRA=()
# Jupyter refuses to run as root unless told; containers and CI machines often are root.
if [ "$(id -u)" = 0 ]; then EXTRA+=(--allow-root); fi
exec "$ROOT/environment/.venv/bin/jupyter" lab --notebook-dir="$ROOT/notebooks" "${EXTRA[@]}" "$@"
