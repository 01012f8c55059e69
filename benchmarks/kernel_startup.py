"""How fast the `java` kernel starts and answers its first cell.

After ./lab setup, from the repository root:

    .venv/bin/python benchmarks/kernel_startup.py [--runs 5]

Each run launches the kernel through jupyter_client (as JupyterLab does) and measures
  startup:    launch -> kernel_info reply
  first cell: execute_request of `1 + 1` -> its execute_reply
then shuts it down. Prints every run and the median of each.
"""
from __future__ import annotations

import argparse
import os
import queue
import statistics
import time
from pathlib import Path

from jupyter_client.manager import KernelManager

ROOT = Path(__file__).resolve().parents[1]
for var, sub in (("JUPYTER_PATH", "jupyter"), ("JUPYTER_CONFIG_DIR", "config"),
                 ("JUPYTER_DATA_DIR", "data"), ("JUPYTER_RUNTIME_DIR", "runtime")):
    os.environ.setdefault(var, str(ROOT / ".lab" / sub))  # as ./lab sets them


def reply_to(kc, msg_id: str, deadline: float) -> dict:
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError(f"no reply to {msg_id}")
        try:
            msg = kc.get_shell_msg(timeout=left)
        except queue.Empty:
            continue
        if msg["parent_header"].get("msg_id") == msg_id:
            return msg


def one_run(timeout: float) -> tuple[float, float]:
    km = KernelManager(kernel_name="java")
    t0 = time.monotonic()
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    try:
        deadline = t0 + timeout
        # kernel_info is sent until one is answered: the first may be sent before the kernel listens
        while True:
            try:
                reply_to(kc, kc.kernel_info(), min(deadline, time.monotonic() + 1.0))
                break
            except TimeoutError:
                if time.monotonic() >= deadline or not km.is_alive():
                    raise
        started = time.monotonic() - t0
        t1 = time.monotonic()
        reply = reply_to(kc, kc.execute("1 + 1"), t1 + timeout)
        first_cell = time.monotonic() - t1
        if reply["content"]["status"] != "ok":
            raise RuntimeError(f"`1 + 1` failed: {reply['content']}")
        return started, first_cell
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="kernel launches (default 5)")
    parser.add_argument("--timeout", type=float, default=120, help="seconds per step before giving up")
    args = parser.parse_args()
    starts, cells = [], []
    for i in range(1, args.runs + 1):
        s, c = one_run(args.timeout)
        starts.append(s)
        cells.append(c)
        print(f"run {i}: startup {s * 1000:.0f} ms, first cell {c * 1000:.0f} ms", flush=True)
    print(f"median of {args.runs}: startup {statistics.median(starts) * 1000:.0f} ms, "
          f"first cell {statistics.median(cells) * 1000:.0f} ms")


if __name__ == "__main__":
    main()
