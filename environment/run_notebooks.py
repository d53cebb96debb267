"""Executes notebooks in order with the Java kernel and stops at the first failing cell.

Writes each executed copy (.ipynb and .html) to --out, including a failed one (with the error in
its outputs), and exits 1 naming the notebook and the cell. Also refuses committed notebooks that
carry outputs.
"""
import argparse
import os
import pathlib
import sys
import time

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError
from nbconvert import HTMLExporter


def has_outputs(nb):
    return any(c.get("outputs") or c.get("execution_count")
               for c in nb.cells if c.cell_type == "code")


def save(nb, out_dir, name):
    out_dir.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, out_dir / f"{name}.ipynb")
    html, _ = HTMLExporter().from_notebook_node(nb)
    (out_dir / f"{name}.html").write_text(html, encoding="utf-8")


def run(path, out_dir, timeout):
    nb = nbformat.read(path, as_version=4)
    if has_outputs(nb):
        print(f"FAILED: {path.name} carries outputs; clear them before committing "
              "(Kernel > Restart and Clear Outputs).", file=sys.stderr)
        return False
    client = NotebookClient(nb, kernel_name="java", timeout=timeout,
                            resources={"metadata": {"path": str(path.parent)}})
    started = time.time()
    code_index = 0
    with client.setup_kernel():
        for index, cell in enumerate(nb.cells):
            if cell.cell_type != "code":
                continue
            code_index += 1
            try:
                client.execute_cell(cell, index)
            except CellExecutionError as e:
                save(nb, out_dir, path.stem)
                first = cell.source.strip().splitlines()[0] if cell.source.strip() else ""
                print(f"FAILED: {path.name}, code cell {code_index} (cell {index + 1}): {first}\n"
                      f"{e.ename}: {e.evalue}\n"
                      f"executed copy: {out_dir / (path.stem + '.ipynb')}", file=sys.stderr)
                return False
    save(nb, out_dir, path.stem)
    images = sum(1 for c in nb.cells if c.cell_type == "code" for o in c.outputs
                 if "image/png" in o.get("data", {}))
    print(f"ok: {path.name} in {time.time() - started:.0f} s, {images} images -> "
          f"{out_dir / (path.stem + '.ipynb')}", flush=True)
    return True


def main():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--notebooks", type=pathlib.Path, required=True)
    p.add_argument("--out", type=pathlib.Path, required=True)
    p.add_argument("--timeout", type=int, default=None,
                   help="seconds per cell (default: none; the budget bounds the run)")
    p.add_argument("names", nargs="*", help="notebooks to run (default: all, in order)")
    a = p.parse_args()
    paths = sorted(a.notebooks.glob("[0-9][0-9]-*.ipynb"))
    if a.names:
        paths = [q for q in paths
                 if any(q.stem.startswith(n.removesuffix(".ipynb")) for n in a.names)]
    if not paths:
        sys.exit(f"no notebooks matched in {a.notebooks}")
    print(f"running {len(paths)} notebooks, DWGAN_BUDGET={os.environ.get('DWGAN_BUDGET', 'paper')}",
          flush=True)
    for path in paths:
        if not run(path, a.out, a.timeout):
            sys.exit(1)


if __name__ == "__main__":
    main()
