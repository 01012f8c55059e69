"""A small Jupyter client for the kernel tests: run a cell, collect what it published.

Talks to the real kernel through jupyter_client, over the real ZeroMQ channels. Every wait has a
timeout, so a kernel that stops answering fails the test instead of hanging it.
"""
from __future__ import annotations

import json
import os
import queue
import re
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[4]
KERNEL_NAME = "java"
OUTPUT_TYPES = ("stream", "execute_result", "display_data", "update_display_data", "error")
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


def use_project_jupyter_dirs() -> None:
    """Point Jupyter at the project's .lab/ dirs, as ./lab does, when run outside ./lab."""
    lab = ROOT / ".lab"
    os.environ.setdefault("JUPYTER_PATH", str(lab / "jupyter"))
    os.environ.setdefault("JUPYTER_CONFIG_DIR", str(lab / "config"))
    os.environ.setdefault("JUPYTER_DATA_DIR", str(lab / "data"))
    os.environ.setdefault("JUPYTER_RUNTIME_DIR", str(lab / "runtime"))


def kernelspec_argv() -> list[str]:
    """The argv of the installed `java` kernelspec (its first entry is the java binary)."""
    from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel

    try:
        spec = KernelSpecManager().get_kernel_spec(KERNEL_NAME)
    except NoSuchKernel:
        raise RuntimeError("no `java` kernelspec on JUPYTER_PATH: run ./lab kernelspec") from None
    return list(spec.argv)


def strip_ansi(text: str) -> str:
    return ANSI.sub("", text)


@dataclass
class Cell:
    """What one execute_request produced: the shell reply and the iopub outputs, in order."""

    code: str
    reply: dict
    outputs: list[dict] = field(default_factory=list)

    @property
    def status(self) -> str:
        return self.reply.get("status", "")

    def stream(self, name: str = "stdout") -> str:
        return "".join(m["content"]["text"] for m in self.outputs
                       if m["msg_type"] == "stream" and m["content"].get("name") == name)

    @property
    def result(self) -> dict | None:
        """The data of the execute_result, or None."""
        for m in self.outputs:
            if m["msg_type"] == "execute_result":
                return m["content"]["data"]
        return None

    @property
    def displays(self) -> list[dict]:
        return [m["content"]["data"] for m in self.outputs if m["msg_type"] == "display_data"]

    @property
    def errors(self) -> list[dict]:
        return [m["content"] for m in self.outputs if m["msg_type"] == "error"]

    def error_text(self) -> str:
        """ename, evalue and traceback of every error output, ANSI colours removed."""
        parts = []
        for e in self.errors:
            parts += [e.get("ename", ""), e.get("evalue", ""), *e.get("traceback", [])]
        return strip_ansi("\n".join(parts))

    def text(self) -> str:
        """Everything textual the cell showed: streams, text/plain results and displays."""
        parts = [m["content"]["text"] for m in self.outputs if m["msg_type"] == "stream"]
        for m in self.outputs:
            if m["msg_type"] in ("execute_result", "display_data"):
                parts.append(m["content"]["data"].get("text/plain", ""))
        return strip_ansi("".join(parts))

    def describe(self) -> str:
        """The message sequence, for assertion messages and bug reports."""
        lines = [f"cell {self.code!r} -> reply status {self.status!r}"]
        for m in self.outputs:
            c = m["content"]
            if m["msg_type"] == "stream":
                lines.append(f"  stream {c.get('name')}: {c.get('text')!r}")
            elif m["msg_type"] == "error":
                tb = strip_ansi("\n".join(c.get("traceback", [])))
                lines.append(f"  error {c.get('ename')!r} {c.get('evalue')!r}\n    " + tb.replace("\n", "\n    "))
            else:
                data = {k: (v if len(str(v)) < 200 else str(v)[:200] + "...") for k, v in c.get("data", {}).items()}
                lines.append(f"  {m['msg_type']}: {json.dumps(data)}")
        if self.status == "error" and not self.errors:
            lines.append(f"  reply content: {json.dumps(self.reply)[:500]}")
        return "\n".join(lines)


def wait_reply(kc, msg_id: str, timeout: float, channel: str = "shell") -> dict:
    """The reply to msg_id on the shell (or control) channel; replies to other requests are dropped."""
    get = kc.get_shell_msg if channel == "shell" else kc.get_control_msg
    deadline = time.monotonic() + timeout
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError(f"no {channel} reply to {msg_id} within {timeout} s")
        try:
            msg = get(timeout=left)
        except queue.Empty:
            continue
        if msg["parent_header"].get("msg_id") == msg_id:
            return msg


def collect(kc, msg_id: str, timeout: float, until=None) -> list[dict]:
    """iopub outputs of msg_id until its status goes idle, or until until(output) is true."""
    outputs: list[dict] = []
    deadline = time.monotonic() + timeout
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            shown = "\n".join(f"  {m['msg_type']}: {str(m['content'])[:200]}" for m in outputs)
            waited = "the awaited output" if until else "an idle status"
            raise TimeoutError(f"no {waited} for {msg_id} within {timeout} s; outputs so far:\n{shown}")
        try:
            msg = kc.get_iopub_msg(timeout=left)
        except queue.Empty:
            continue
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        kind = msg["msg_type"]
        if kind in OUTPUT_TYPES:
            outputs.append(msg)
            if until and until(msg):
                return outputs
        elif kind == "status" and msg["content"]["execution_state"] == "idle":
            if until:
                raise AssertionError(f"{msg_id} went idle before the awaited output: {outputs}")
            return outputs


def run(kc, code: str, timeout: float = 60) -> Cell:
    """Execute code, wait for its reply and for idle, return everything it produced."""
    msg_id = kc.execute(code, store_history=True, allow_stdin=False)
    reply = wait_reply(kc, msg_id, timeout)
    outputs = collect(kc, msg_id, timeout)
    return Cell(code, reply["content"], outputs)


def request(kc, send, timeout: float = 30) -> dict:
    """Send a shell request via send(kc) -> msg_id and return the reply content."""
    msg_id = send(kc)
    reply = wait_reply(kc, msg_id, timeout)
    collect(kc, msg_id, timeout)  # the busy/idle pair of this request
    return reply["content"]
