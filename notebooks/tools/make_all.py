"""Writes every notebook from its make_*.py source (without outputs). Run with the lab's venv:
    .venv/bin/python notebooks/tools/make_all.py"""
import runpy
from pathlib import Path

HERE = Path(__file__).resolve().parent
for script in sorted(HERE.glob("make_0*.py")):
    runpy.run_path(str(script), run_name="__main__")
    print("wrote", script.name)
