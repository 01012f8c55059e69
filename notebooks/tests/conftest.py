"""Prints each notebook run's wall time (kernel start included) at the end of the test session."""
import os
import sys


def pytest_terminal_summary(terminalreporter):
    module = sys.modules.get("test_notebooks")   # absent when only the browser test ran
    TIMES = getattr(module, "TIMES", None)
    if not TIMES:
        return
    terminalreporter.section("notebook wall times (kernel start included; target <= 30 s each)")
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    for name, mode, seconds in TIMES:
        terminalreporter.write_line(f"{name:24} {mode:8} {seconds:6.1f} s")
    terminalreporter.write_line(f"load average (1 min) at the end: {load:.2f} on {os.cpu_count()} CPUs")
