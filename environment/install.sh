#!/usr/bin/env bash
# Installs the notebook environment: a virtual environment (environment/.venv) with JupyterLab and
# the JJava kernel, the library built, and a kernel spec whose class path holds the library and its
# dependencies, so that notebooks need no magics. Idempotent: each step is skipped when done.
# Needs JDK 17+, Maven and Python 3 (PYTHON picks the interpreter; default python3).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ENV_DIR="$ROOT/environment"
VENV="$ENV_DIR/.venv"
PY="${PYTHON:-python3}"
REQ="$ENV_DIR/requirements.txt"
STAMP="$VENV/.requirements-installed"

if [ ! -x "$VENV/bin/python" ]; then
  echo "install: creating $VENV with $($PY --version)"
  "$PY" -m venv "$VENV"
fi
if [ ! -f "$STAMP" ] || ! cmp -s "$REQ" "$STAMP"; then
  echo "install: pip install -r environment/requirements.txt"
  "$VENV/bin/python" -m pip install -q -r "$REQ"
  cp "$REQ" "$STAMP"
fi

# Build the library and write lib/target/classpath.txt (the launcher's own build step).
"$ROOT/dwgan" --version >/dev/null

# The kernel's JVM gets the launcher's native allocator (tcmalloc when installed; see
# environment/allocator.sh); DWGAN_MALLOC=glibc at install time leaves it out.
. "$ENV_DIR/allocator.sh"
MALLOC_LIB="$(dwgan_malloc_library)"
if [ -z "$MALLOC_LIB" ] && [ "${DWGAN_MALLOC:-tcmalloc}" = tcmalloc ]; then
  echo "install: libtcmalloc-minimal4 not found; the kernel uses glibc's malloc (slower steps)"
fi

# The jjava wheel installs its kernel spec into the venv (share/jupyter/kernels/java); add the
# class path, JVM options and allocator to it. Rewritten only when it differs.
"$VENV/bin/python" - "$ROOT" "$VENV" "$MALLOC_LIB" <<'PY'
import json, pathlib, sys
root, venv, malloc = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2]), sys.argv[3]
spec_file = venv / "share/jupyter/kernels/java/kernel.json"
if not spec_file.is_file():
    sys.exit(f"install: no JJava kernel spec at {spec_file}; is jjava installed?")
cp = (root / "lib/target/classpath.txt").read_text().strip()
spec = json.loads(spec_file.read_text())
spec["display_name"] = "Java (jjava, dwgan)"
spec["env"] = {
    "JJAVA_CLASSPATH": f"{root}/lib/target/classes:{cp}",
    "JJAVA_JVM_OPTS": "-Xmx8g -Djava.awt.headless=true -Dai.djl.offline=true",
    "DWGAN_HOME": str(root),
}
if malloc:
    spec["env"]["LD_PRELOAD"] = malloc
text = json.dumps(spec, indent=2) + "\n"
if spec_file.read_text() != text:
    spec_file.write_text(text)
    print(f"install: kernel spec {spec_file} updated")
PY
echo "install: ready (environment/lab.sh opens JupyterLab; environment/run-notebooks.sh runs them)"
