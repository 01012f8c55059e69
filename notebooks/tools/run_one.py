"""Executes one notebook headless (as the tests do) and prints its errors and outputs: for writing notebooks.
usage: .venv/bin/python notebooks/tools/run_one.py 01-http.ipynb [--show]"""
import os, sys, time
from pathlib import Path
import nbformat
from nbclient import NotebookClient

NOTEBOOKS = Path(__file__).resolve().parents[1]
ROOT = NOTEBOOKS.parent
for var, sub in (("JUPYTER_PATH", "jupyter"), ("JUPYTER_CONFIG_DIR", "config"),
                 ("JUPYTER_DATA_DIR", "data"), ("JUPYTER_RUNTIME_DIR", "runtime")):
    os.environ.setdefault(var, str(ROOT / ".lab" / sub))
nb = nbformat.read(NOTEBOOKS / sys.argv[1], as_version=4)
start = time.monotonic()
NotebookClient(nb, timeout=120, startup_timeout=90, kernel_name="java", allow_errors=True,
               resources={"metadata": {"path": str(NOTEBOOKS)}}).execute()
print(f"{sys.argv[1]}: {time.monotonic() - start:.1f} s", file=sys.stderr)
for i, c in enumerate(nb.cells):
    if c.cell_type != "code":
        continue
    for o in c.get("outputs", []):
        if o["output_type"] == "error":
            print(f"--- cell {i} ERROR {o['ename']}: {o['evalue']}\n" + "\n".join(o.get("traceback", []))[:2000])
        elif "--show" in sys.argv:
            if o["output_type"] == "stream":
                print(f"--- cell {i} {o['name']}: {o['text'][:1500]}")
            else:
                d = o.get("data", {})
                print(f"--- cell {i} {list(d)}: {str(d.get('text/plain', ''))[:300]}")
if "--save" in sys.argv:
    nbformat.write(nb, "/tmp/" + sys.argv[1])
