"""Helpers for the notebook sources in this folder: each make_XX.py builds one notebook from Markdown and
Java cells, so the .ipynb JSON is never written by hand. Run `python notebooks/tools/make_all.py`."""
from __future__ import annotations

import textwrap
from pathlib import Path

import nbformat

NOTEBOOKS = Path(__file__).resolve().parents[1]


def md(text: str):
    return nbformat.v4.new_markdown_cell(textwrap.dedent(text).strip("\n"))


def code(text: str):
    return nbformat.v4.new_code_cell(textwrap.dedent(text).strip("\n"))


def write(name: str, cells: list) -> Path:
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "java", "display_name": "Java (Handshake Lab)", "language": "java"}
    nb.metadata["language_info"] = {"name": "java", "file_extension": ".jshell", "mimetype": "text/x-java-source"}
    nb.cells = cells
    for i, cell in enumerate(nb.cells):
        cell["id"] = f"{Path(name).stem[:2]}-{i:02d}"  # stable ids: a re-run gives the same file
    nbformat.validate(nb)
    path = NOTEBOOKS / name
    nbformat.write(nb, path)
    return path


def question(qid: str, text: str, placeholder: str = "null") -> list:
    """A question: the text in Markdown, then an answer cell with instant feedback."""
    return [md(f"**Question {qid}.** {text}"),
            code(f'Lab.answer("{qid}", {placeholder})   // replace {placeholder} with your answer, then run')]
