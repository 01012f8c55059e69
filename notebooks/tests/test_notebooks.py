"""Runs every notebooks/*.ipynb headless on the real `java` kernel and checks what each must show.

Run with ./lab test (stage "notebooks"), or after ./lab setup:
    .venv/bin/python -m pytest notebooks/tests

Every notebook is executed, with or without an entry in EXPECTATIONS; any error output fails it.
The notebooks are read, executed in memory and never written back.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Callable, Iterator

import nbformat
import pytest
from nbclient import NotebookClient

NOTEBOOKS = Path(__file__).resolve().parents[1]
ROOT = NOTEBOOKS.parent
CELL_TIMEOUT = 120      # seconds, per cell
STARTUP_TIMEOUT = 90    # seconds, kernel start

for var, sub in (("JUPYTER_PATH", "jupyter"), ("JUPYTER_CONFIG_DIR", "config"),
                 ("JUPYTER_DATA_DIR", "data"), ("JUPYTER_RUNTIME_DIR", "runtime")):
    os.environ.setdefault(var, str(ROOT / ".lab" / sub))  # as ./lab sets them

Check = Callable[[nbformat.NotebookNode], None]


def outputs(nb) -> Iterator[tuple[nbformat.NotebookNode, dict]]:
    for cell in nb.cells:
        if cell.cell_type == "code":
            for out in cell.get("outputs", []):
                yield cell, out


def shows(mime: str, containing: str = "") -> Check:
    """Some output has data of this MIME type (containing the text, if given)."""
    def check(nb):
        found = [o for _, o in outputs(nb) if containing in str(o.get("data", {}).get(mime, "")) and mime in o.get("data", {})]
        assert found, f"no output with {mime}" + (f" containing {containing!r}" if containing else "")
    check.__doc__ = f"shows {mime} {containing}".strip()
    return check


def cell_prints(source: str, text: str) -> Check:
    """The code cell whose source is `source` shows `text` as its result or its output."""
    def check(nb):
        cells = [c for c in nb.cells if c.cell_type == "code" and c.source.strip() == source]
        assert cells, f"no code cell {source!r}"
        shown = []
        for out in cells[0].get("outputs", []):
            shown.append(out.get("text", "") if out["output_type"] == "stream"
                         else out.get("data", {}).get("text/plain", ""))
        assert text in [s.strip() for s in shown], f"cell {source!r} shows {shown}, expected {text!r}"
    return check


# What a notebook must show once executed, by file name. Notebooks not listed are still executed.
EXPECTATIONS: dict[str, list[Check]] = {
    "00-start-here.ipynb": [shows("text/html", "<table"), shows("image/png"), cell_prints("1 + 1", "2")],
}

NOTEBOOK_FILES = sorted(NOTEBOOKS.glob("*.ipynb"))


def error_outputs(nb) -> list[str]:
    found = []
    for index, cell in enumerate(nb.cells):
        for out in cell.get("outputs", []) if cell.cell_type == "code" else []:
            if out["output_type"] == "error":
                tb = "\n".join(out.get("traceback", []))
                found.append(f"cell {index} ({cell.source.splitlines()[0] if cell.source else ''!r}): "
                             f"{out.get('ename')}: {out.get('evalue')}\n{tb}")
    return found


def test_there_are_notebooks():
    assert NOTEBOOK_FILES, f"no notebooks in {NOTEBOOKS}"


def test_every_expectation_names_a_notebook():
    names = {p.name for p in NOTEBOOK_FILES}
    assert set(EXPECTATIONS) <= names, f"expectations for missing notebooks: {set(EXPECTATIONS) - names}"


@pytest.mark.parametrize("path", NOTEBOOK_FILES, ids=lambda p: p.name)
def test_committed_without_outputs_on_the_java_kernel(path):
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    assert nb.metadata.get("kernelspec", {}).get("name") == "java", "kernelspec must be `java`"
    with_outputs = [i for i, c in enumerate(nb.cells)
                    if c.cell_type == "code" and (c.get("outputs") or c.get("execution_count"))]
    assert not with_outputs, f"cells {with_outputs} carry outputs: clear them before committing"


@pytest.mark.parametrize("path", NOTEBOOK_FILES, ids=lambda p: p.name)
def test_notebook_runs_and_shows_what_it_should(path):
    nb = nbformat.read(path, as_version=4)  # in memory only: never written back
    client = NotebookClient(nb, timeout=CELL_TIMEOUT, startup_timeout=STARTUP_TIMEOUT, kernel_name="java",
                            allow_errors=True, resources={"metadata": {"path": str(NOTEBOOKS)}})
    client.execute()
    errors = error_outputs(nb)
    assert not errors, f"{path.name} has error outputs:\n" + "\n\n".join(errors)
    for check in EXPECTATIONS.get(path.name, []):
        check(nb)
