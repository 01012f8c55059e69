"""Opens a notebook in JupyterLab in headless Chromium, runs it as a student would, and checks the page.

Run with ./lab test (stage "browser"), or after ./lab setup:
    .venv/bin/python -m pytest notebooks/tests/browser

It needs Debian's `chromium` and `chromium-driver` (./lab test installs them as root) and never uses
a downloaded browser or driver. The nbclient test in notebooks/tests checks what the kernel sends;
this one checks what reaches the page: the kernel starts from JupyterLab, Run All Cells finishes
without errors, and the packet table and the chart are really drawn. A screenshot of the page is left
in .lab/test-output/browser/ for a person to look at.
"""
from __future__ import annotations

import io
import json
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
OUTPUT_DIR = ROOT / ".lab" / "test-output" / "browser"

NOTEBOOK = "notebooks/00-start-here.ipynb"
KERNEL_DISPLAY_NAME = "Java (Handshake Lab)"
KERNEL_IDLE_TIMEOUT = 90   # seconds from opening the page to an idle kernel
RUN_ALL_TIMEOUT = 90       # seconds from Run All Cells to every cell done and the kernel idle
POLL = 0.25

# Header cells that mark a packet table (the lab's short names and the Wireshark field names).
PACKET_COLUMNS = {"No.", "frame.number", "Flags", "tcp.flags", "Seq", "tcp.seq", "Ack", "tcp.ack",
                  "Source", "ip.src", "Destination", "ip.dst", "Length", "tcp.len"}
MIN_CHART_WIDTH = 200        # px, the PNG's own width
MIN_CHART_DATA_URI = 2000    # characters: an empty or 1-pixel PNG is far shorter
MIN_CHART_COLOURS = 16       # distinct colours in the chart's part of the screenshot


def wait_for(driver, what: str, timeout: float, script: str, *args):
    """Polls `script` (JavaScript returning a value) until it is truthy; fails naming `what` after timeout."""
    deadline = time.monotonic() + timeout
    value = None
    while time.monotonic() < deadline:
        value = driver.execute_script(script, *args)
        if value:
            return value
        time.sleep(POLL)
    pytest.fail(f"timed out after {timeout:.0f} s waiting for {what} (last seen: {value!r}); "
                f"screenshot in {OUTPUT_DIR}")


# The state of the open notebook, read from the page as a person would see it.
NOTEBOOK_STATE = """(() => {
const panel = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden)');
if (!panel) return null;
const indicator = panel.querySelector('.jp-Notebook-ExecutionIndicator');
const kernelName = panel.querySelector('.jp-KernelName');
const prompts = [...panel.querySelectorAll('.jp-CodeCell .jp-InputArea-prompt')]
    .map(p => p.textContent.trim());
return {
  kernel: kernelName ? kernelName.textContent.trim() : '',
  status: indicator ? indicator.getAttribute('data-status') : '',
  prompts: prompts,
  errors: panel.querySelectorAll(
      '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]').length,
};
})()"""

# The open menu's item with this label, once the menu is open.
MENU_ITEM = """
const items = [...document.querySelectorAll('.lm-Menu .lm-Menu-item')]
    .filter(i => i.querySelector('.lm-Menu-itemLabel')?.textContent.trim() === arguments[0]);
return items.length ? items[0] : null;
"""

OUTPUTS = """(() => {
const panel = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden)');
const outputs = [...panel.querySelectorAll('.jp-OutputArea-output')];
const stderr = outputs
    .filter(o => o.getAttribute('data-mime-type') === 'application/vnd.jupyter.stderr')
    .map(o => o.textContent.trim());
const tables = outputs.flatMap(o => [...o.querySelectorAll('table')]).map(t => ({
  headers: [...t.querySelectorAll('thead th, tr:first-child th')].map(th => th.textContent.trim()),
  rows: t.querySelectorAll('tbody tr').length,
}));
const images = outputs.flatMap(o => [...o.querySelectorAll('img')])
    .filter(i => (i.getAttribute('src') || '').startsWith('data:image/png'))
    .map(i => ({complete: i.complete, width: i.naturalWidth, height: i.naturalHeight,
                srcLength: i.getAttribute('src').length}));
return {stderr, tables, images};
})()"""

# Scrolls the largest PNG chart into view (its bottom at the window's, so the table above it shows too)
# and returns its box in CSS pixels, as drawn.
SHOW_CHART = """
const imgs = [...document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-OutputArea-output img')]
    .filter(i => (i.getAttribute('src') || '').startsWith('data:image/png'))
    .sort((a, b) => b.naturalWidth * b.naturalHeight - a.naturalWidth * a.naturalHeight);
if (!imgs.length) return null;
imgs[0].scrollIntoView({block: 'end', inline: 'nearest'});
const r = imgs[0].getBoundingClientRect();
return {x: r.left, y: r.top, width: r.width, height: r.height, dpr: window.devicePixelRatio};
"""


def code_cell_count(path: Path) -> int:
    return sum(1 for c in json.loads(path.read_text())["cells"] if c["cell_type"] == "code")


def run_all_cells(driver) -> None:
    """Run ▸ Run All Cells, clicked in JupyterLab's menu bar."""
    from selenium.webdriver.common.by import By

    menus = [m for m in driver.find_elements(By.CSS_SELECTOR, ".lm-MenuBar-item")
             if m.text.strip() == "Run"]
    assert menus, "JupyterLab's menu bar has no Run menu"
    menus[0].click()
    item = wait_for(driver, "the Run All Cells menu item", 10, MENU_ITEM, "Run All Cells")
    item.click()


def chart_colours(screenshot_png: bytes, box: dict) -> tuple[int, float]:
    """Distinct colours in the chart's box of the screenshot, and the share of its commonest colour."""
    from PIL import Image

    image = Image.open(io.BytesIO(screenshot_png)).convert("RGB")
    scale = box["dpr"] or 1
    left, top = max(0, round(box["x"] * scale)), max(0, round(box["y"] * scale))
    right = min(image.width, round((box["x"] + box["width"]) * scale))
    bottom = min(image.height, round((box["y"] + box["height"]) * scale))
    assert right - left > 50 and bottom - top > 50, f"the chart is not on screen: {box}"
    crop = image.crop((left, top, right, bottom))
    counts = crop.getcolors(maxcolors=crop.width * crop.height)
    return len(counts), max(n for n, _ in counts) / (crop.width * crop.height)


def report(capsys, line: str) -> None:
    """A line on the terminal even when pytest captures output: the wall times are worth seeing."""
    with capsys.disabled():
        print(f"\n{line}", flush=True)


def test_start_here_runs_in_jupyterlab_and_draws_its_table_and_chart(jupyter_lab, browser, capsys):
    started = jupyter_lab.launched
    OUTPUT_DIR.mkdir(parents=True, exist_ok=True)
    screenshot = OUTPUT_DIR / (Path(NOTEBOOK).stem + ".png")
    screenshot.unlink(missing_ok=True)
    code_cells = code_cell_count(ROOT / NOTEBOOK)
    timings = []
    try:
        jupyter_lab.wait_until_serving()
        timings.append(f"server and browser up {time.monotonic() - started:.1f} s")
        browser.get(jupyter_lab.url(f"lab/tree/{NOTEBOOK}"))
        wait_for(browser, f"the kernel {KERNEL_DISPLAY_NAME!r} to be idle", KERNEL_IDLE_TIMEOUT,
                 f"const s = {NOTEBOOK_STATE}; return s && s.kernel === arguments[0] && s.status === 'idle'"
                 " && s.prompts.length === arguments[1] ? s : null;",
                 KERNEL_DISPLAY_NAME, code_cells)
        timings.append(f"kernel idle {time.monotonic() - started:.1f} s")

        run_started = time.monotonic()
        run_all_cells(browser)
        # Done when the kernel is idle, no cell is queued or running ("[*]:"), and either every prompt
        # shows its execution count ("[3]:") or an error stopped the run (the cells after it stay "[ ]:").
        state = wait_for(browser, "Run All Cells to finish", RUN_ALL_TIMEOUT,
                         f"const s = {NOTEBOOK_STATE}; return s && s.status === 'idle'"
                         " && !s.prompts.includes('[*]:')"
                         " && (s.errors > 0 || s.prompts.every(p => /^\\[\\d+\\]:$/.test(p))) ? s : null;")
        timings.append(f"run all {time.monotonic() - run_started:.1f} s")

        # a PNG must be decoded before it can be measured or seen
        wait_for(browser, "the images to load", 10,
                 f"const s = {OUTPUTS}; return s.images.every(i => i.complete);")
        outputs = browser.execute_script(f"return {OUTPUTS};")
        box = browser.execute_script(SHOW_CHART)
        time.sleep(0.5)  # let the scroll settle and the page repaint before the screenshot
    finally:
        try:
            browser.save_screenshot(str(screenshot))
        except Exception as e:  # the original failure matters more than a missing screenshot
            report(capsys, f"browser test: no screenshot: {e}")

    assert not outputs["stderr"], "error output in the page:\n" + "\n---\n".join(outputs["stderr"])
    assert len(state["prompts"]) == code_cells, \
        f"{len(state['prompts'])} code cells in the page, {code_cells} in {NOTEBOOK}"
    counts = [int(p.strip("[]:")) for p in state["prompts"]]
    assert counts == sorted(counts), f"cells ran out of order: {state['prompts']}"

    packet_tables = [t for t in outputs["tables"] if len(PACKET_COLUMNS & set(t["headers"])) >= 2]
    assert packet_tables, f"no packet table among the rendered tables: {outputs['tables']}"
    assert any(t["rows"] > 0 for t in packet_tables), f"the packet tables have no rows: {packet_tables}"

    charts = [i for i in outputs["images"]
              if i["width"] > MIN_CHART_WIDTH and i["srcLength"] > MIN_CHART_DATA_URI]
    assert charts, f"no PNG chart wider than {MIN_CHART_WIDTH} px among the images: {outputs['images']}"

    assert box, "the chart is not in the page"
    colours, commonest = chart_colours(screenshot.read_bytes(), box)
    assert colours >= MIN_CHART_COLOURS and commonest < 0.98, \
        f"the chart looks blank on screen: {colours} colours, the commonest covers {commonest:.0%} ({screenshot})"

    timings.append(f"total {time.monotonic() - started:.1f} s")
    report(capsys, f"browser test: {NOTEBOOK} in JupyterLab: {', '.join(timings)}; "
                    f"chart {colours} colours; screenshot {screenshot.relative_to(ROOT)}")
