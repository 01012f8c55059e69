"""Runs every notebooks/*.ipynb headless on the real `java` kernel and checks what each must show.

Run with ./lab test (stage "notebooks"), or after ./lab setup:
    .venv/bin/python -m pytest notebooks/tests

Every notebook is executed twice: on the bundled captures (LAB_CAPTURE=bundled) and on live captures the lab
records itself (LAB_CAPTURE=live; skipped with a message when this user cannot capture). Both runs set
LAB_REVEAL=1, so every question cell checks its own reference answer (computed from the capture in front of
it) and must say it is right. Any error output fails a notebook. Each run's wall time, kernel start
included, is printed in the summary (the target is 30 s; it is reported, not asserted).
The notebooks are read, executed in memory and never written back.
"""
from __future__ import annotations

import os
import re
import shutil
import time
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


ANSWER_CELL = re.compile(r'^Lab\.answer\("([a-z]+\.q\d+)"')


def answers_right(prefix: str, at_least: int) -> Check:
    """At least `at_least` question cells for `prefix` (e.g. "http."), each saying its answer is right."""
    def check(nb):
        seen = []
        for cell in nb.cells:
            m = ANSWER_CELL.match(cell.source.strip()) if cell.cell_type == "code" else None
            if not m:
                continue
            shown = " ".join(o.get("data", {}).get("text/plain", "") + o.get("text", "") for o in cell.get("outputs", []))
            assert "✔" in shown and "right" in shown, f"question {m.group(1)}: the reference answer is not right: {shown!r}"
            seen.append(m.group(1))
        ours = [q for q in seen if q.startswith(prefix)]
        assert len(ours) >= at_least, f"{len(ours)} questions {prefix}* answered, expected at least {at_least}: {seen}"
        assert len(set(seen)) == len(seen), f"a question is asked twice: {seen}"
    check.__doc__ = f"at least {at_least} {prefix}* questions, all right"
    return check


def says_capture_source() -> Check:
    """The first capture cell says in one line whether it is live or bundled, and it is what was asked for."""
    def check(nb):
        lines = [line for _, o in outputs(nb) if o["output_type"] == "stream"
                 for line in o.get("text", "").splitlines() if re.match(r"(Live|Bundled) capture: ", line)]
        assert lines, "no line saying 'Live capture: ...' or 'Bundled capture: ...'"
        wanted = "Live" if os.environ.get("LAB_CAPTURE") == "live" else "Bundled"
        assert all(line.startswith(wanted) for line in lines), f"expected {wanted} captures, got {lines}"
    return check


def shows_at_least(mime: str, count: int, containing: str = "") -> Check:
    def check(nb):
        found = [o for _, o in outputs(nb) if mime in o.get("data", {}) and containing in str(o["data"][mime])]
        assert len(found) >= count, f"{len(found)} outputs with {mime} {containing!r}, expected at least {count}"
    return check


PACKET_TABLE = "<table"
# What a notebook must show once executed, by file name. Notebooks not listed are still executed.
EXPECTATIONS: dict[str, list[Check]] = {
    # One of each view: packet table, packet details (tree + hex dump), charts (own, ladder, time-sequence).
    "00-start-here.ipynb": [shows("text/html", PACKET_TABLE), shows("text/html", '<pre class="hex"'),
                            shows_at_least("image/png", 3), cell_prints("1 + 1", "2"),
                            says_capture_source(), answers_right("start.", 1)],
    "01-http.ipynb": [shows_at_least("text/html", 5, PACKET_TABLE), shows_at_least("image/png", 4),
                      shows("text/html", "tcp.flags"), says_capture_source(), answers_right("http.", 8)],
    "02-https.ipynb": [shows_at_least("text/html", 8, PACKET_TABLE), shows_at_least("image/png", 1),
                       shows("text/html", "subjectAltName"), says_capture_source(), answers_right("tls.", 8)],
    "03-ssh.ipynb": [shows_at_least("text/html", 5, PACKET_TABLE), shows_at_least("image/png", 2),
                     shows("text/html", "kex_algorithms"), says_capture_source(), answers_right("ssh.", 8)],
}
MODES = ("bundled", "live")
TIMES: list[tuple[str, str, float]] = []   # (notebook, mode, seconds): printed by conftest.py's summary

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


def live_capture_permitted() -> str:
    """Empty when this user may capture on loopback, else why not."""
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        return "live capture needs root or CAP_NET_RAW (CI runs as root); run the tests as root to include it"
    if not any(Path(d, "libpcap.so.0.8").exists() or Path(d, "libpcap.so").exists()
               for d in ("/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/usr/lib", "/usr/lib64")) \
            and not shutil.which("tcpdump"):
        return "live capture needs libpcap (apt-get install libpcap0.8)"
    return ""


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("path", NOTEBOOK_FILES, ids=lambda p: p.name)
def test_notebook_runs_and_shows_what_it_should(path, mode, monkeypatch):
    if mode == "live" and live_capture_permitted():
        pytest.skip(live_capture_permitted())
    monkeypatch.setenv("LAB_CAPTURE", mode)   # the kernel inherits this environment
    monkeypatch.setenv("LAB_REVEAL", "1")
    nb = nbformat.read(path, as_version=4)  # in memory only: never written back
    client = NotebookClient(nb, timeout=CELL_TIMEOUT, startup_timeout=STARTUP_TIMEOUT, kernel_name="java",
                            allow_errors=True, resources={"metadata": {"path": str(NOTEBOOKS)}})
    start = time.monotonic()
    client.execute()   # starts the kernel, runs every cell, shuts the kernel down
    TIMES.append((path.name, mode, time.monotonic() - start))
    print(f"{path.name} ({mode}): {TIMES[-1][2]:.1f} s, kernel start included")
    errors = error_outputs(nb)
    assert not errors, f"{path.name} has error outputs:\n" + "\n\n".join(errors)
    for check in EXPECTATIONS.get(path.name, []):
        check(nb)
