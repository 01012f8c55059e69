"""Protocol tests of the Handshake Lab kernel: a real Jupyter client against the real kernel.

Run with ./lab test (stage "kernel"), or after ./lab setup:
    .venv/bin/python -m pytest kernel/src/test/python
"""
from __future__ import annotations

import base64
import re
import subprocess
import time
from pathlib import Path

import pytest

import labclient
from labclient import ROOT, request, strip_ansi, wait_reply, collect

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
JJAVA_JAR = ROOT / "kernel" / "target" / "lib" / "jjava-jupyter-1.0-a6.jar"


def ok(cell):
    assert cell.status == "ok" and not cell.errors, cell.describe()
    return cell


def plain(cell) -> str:
    ok(cell)
    assert cell.result is not None, "no execute_result:\n" + cell.describe()
    return cell.result.get("text/plain", "")


# ------------------------------------------------------------------ execution


def test_expression_value_is_the_execute_result(kernel):
    assert plain(kernel.run("1 + 1")) == "2"


def test_methods_and_classes_defined_in_one_cell_are_usable(kernel):
    cell = kernel.run(
        "int square(int x) { return x * x; }\n"
        "class Point {\n"
        "    final int x, y;\n"
        "    Point(int x, int y) { this.x = x; this.y = y; }\n"
        "    int sum() { return x + y; }\n"
        "}\n"
        "int squareOfSum(Point p) { return square(p.sum()); }\n"
        "var p = new Point(3, 4);\n"
        "squareOfSum(p)")
    assert plain(cell) == "49"


def test_redefined_method_is_used_by_later_cells(kernel):
    ok(kernel.run("int twice(int x) { return 2 * x; }"))
    ok(kernel.run("int callsTwice(int x) { return twice(x) + 1; }"))
    assert plain(kernel.run("callsTwice(5)")) == "11"
    ok(kernel.run("int twice(int x) { return 20 * x; }"))
    assert plain(kernel.run("twice(5)")) == "100"
    assert plain(kernel.run("callsTwice(5)")) == "101", "a method defined earlier must call the new definition"


def test_stdout_and_stderr_are_separate_streams(kernel):
    cell = ok(kernel.run('System.out.println("hi");\nSystem.err.println("oops");'))
    assert cell.stream("stdout") == "hi\n", cell.describe()
    assert cell.stream("stderr") == "oops\n", cell.describe()


# ------------------------------------------------------------------ errors


def caret_column(line: str) -> int | None:
    """Column of the first ^ when the line, past a gutter of digits, bars and spaces, is all carets."""
    m = re.fullmatch(r"[\s\d|│:>]*?([ ]*)([~\-]*\^[\^~\-]*)\s*", line)
    return line.index("^") if m else None


def test_compile_error_names_diagnostic_line_and_caret(kernel):
    cell = kernel.run('int fine = 1;\nint x = "s";\nint alsoFine = 2;')
    assert cell.status == "error", cell.describe()
    text = cell.error_text()
    assert "incompatible types" in text, cell.describe()
    lines = text.splitlines()
    shown = [i for i, l in enumerate(lines) if 'int x = "s";' in l]
    assert shown, "the offending line is not shown:\n" + cell.describe()
    with_caret = [i for i in shown if i + 1 < len(lines) and caret_column(lines[i + 1]) is not None]
    assert with_caret, "no caret line under the offending line:\n" + cell.describe()
    row = with_caret[0]
    assert caret_column(lines[row + 1]) == lines[row].index('"s"'), "the caret must point at \"s\":\n" + text
    assert re.search(r"(?i)\bline\s*2\b", text) or re.search(r"^\s*2\s*[|│:]", lines[row]), \
        "the cell line number (2) is not shown:\n" + cell.describe()


def test_runtime_exception_traceback_starts_in_user_code(kernel):
    cell = kernel.run(
        'void explode() { throw new IllegalStateException("boom"); }\n'
        "void caller() { explode(); }\n"
        "caller();")
    assert cell.status == "error", cell.describe()
    assert len(cell.errors) == 1, cell.describe()
    err = cell.errors[0]
    assert "IllegalStateException" in err["ename"], cell.describe()
    assert err["evalue"] == "boom", cell.describe()
    frames = [l.strip() for l in strip_ansi("\n".join(err["traceback"])).splitlines()
              if l.strip().startswith("at ")]
    assert frames, "no stack frames in the traceback:\n" + cell.describe()
    assert "explode" in frames[0], "first frame is not the user's method:\n" + "\n".join(frames)
    assert "caller" in frames[1], "second frame is not the calling method:\n" + "\n".join(frames)
    internal = [i for i, f in enumerate(frames) if re.search(r"jdk\.jshell|reflect\.|jdk\.internal", f)]
    user = [i for i, f in enumerate(frames) if "explode" in f or "caller" in f]
    assert not internal or max(user) < min(internal), "kernel frames before user frames:\n" + "\n".join(frames)


def test_kernel_survives_an_error(kernel):
    kernel.run("int broken = ;")
    assert plain(kernel.run("40 + 2")) == "42"


# ------------------------------------------------------------------ shell requests


def test_complete_system(kernel):
    reply = request(kernel.kc, lambda kc: kc.complete("Syst", 4))
    assert reply["status"] == "ok", reply
    assert "System" in reply["matches"], reply["matches"][:20]
    assert reply["cursor_end"] == 4


def test_is_complete(kernel):
    assert request(kernel.kc, lambda kc: kc.is_complete("class A {"))["status"] == "incomplete"
    assert request(kernel.kc, lambda kc: kc.is_complete("int x = 1;"))["status"] == "complete"


def test_inspect_finds_println(kernel):
    code = "System.out.println"
    reply = request(kernel.kc, lambda kc: kc.inspect(code, len(code)))
    assert reply["status"] == "ok" and reply["found"] is True, reply
    assert "println" in reply["data"].get("text/plain", ""), reply


def test_history_tail_includes_executed_cells(kernel):
    ok(kernel.run("int historyMarker = 4242;"))
    reply = request(kernel.kc, lambda kc: kc.history(hist_access_type="tail", n=20, raw=True, output=False))
    assert reply["status"] == "ok", reply
    inputs = [entry[2] for entry in reply["history"]]
    assert "int historyMarker = 4242;" in inputs, inputs


def test_history_entries_are_protocol_triples(kernel):
    ok(kernel.run("int historyTriple = 1;"))
    reply = request(kernel.kc, lambda kc: kc.history(hist_access_type="tail", n=5, raw=True, output=False))
    for entry in reply["history"]:
        assert isinstance(entry, list) and len(entry) == 3, f"not [session, line, input]: {entry!r}"
        session, line, source = entry
        assert isinstance(session, int) and isinstance(line, int) and isinstance(source, str), entry


def test_kernel_info(kernel):
    reply = request(kernel.kc, lambda kc: kc.kernel_info())
    assert reply["status"] == "ok", reply
    assert reply["language_info"]["name"] == "java", reply
    assert reply["implementation"], reply
    assert reply["protocol_version"].startswith("5."), reply


def test_every_reply_has_a_status(kernel):
    # is_complete_reply is left out: its `status` is the verdict (complete, incomplete, ...)
    requests = {
        "kernel_info": lambda kc: kc.kernel_info(),
        "history": lambda kc: kc.history(hist_access_type="tail", n=1, raw=True, output=False),
        "complete": lambda kc: kc.complete("Syst", 4),
        "inspect": lambda kc: kc.inspect("String", 6),
    }
    missing = [name for name, send in requests.items() if request(kernel.kc, send).get("status") != "ok"]
    assert not missing, f"replies without status ok: {missing}"


# ------------------------------------------------------------------ display and magics


def test_display_mid_cell_then_continue(kernel):
    cell = ok(kernel.run('System.out.println("before");\ndisplay("x");\nSystem.out.println("after");'))
    assert any("x" in d.get("text/plain", "") for d in cell.displays), cell.describe()
    assert cell.stream("stdout") == "before\nafter\n", cell.describe()


WALL = re.compile(r"(?i)wall[^\n\d]*(\d+(?:[.,]\d+)?)\s*(ns|µs|us|ms|s|sec|seconds|min)\b")
UNIT = {"ns": 1e-9, "µs": 1e-6, "us": 1e-6, "ms": 1e-3, "s": 1, "sec": 1, "seconds": 1, "min": 60}


def wall_seconds(cell) -> float:
    m = WALL.search(cell.text())
    assert m, "no wall time shown:\n" + cell.describe()
    return float(m.group(1).replace(",", ".")) * UNIT[m.group(2).lower()]


def test_time_line_magic(kernel):
    cell = ok(kernel.run("%time Thread.sleep(200)"))
    assert 0.15 <= wall_seconds(cell) < 30, cell.describe()


def test_time_cell_magic(kernel):
    cell = ok(kernel.run("%%time\nThread.sleep(200);\nint afterSleep = 1;"))
    assert 0.15 <= wall_seconds(cell) < 30, cell.describe()
    assert plain(kernel.run("afterSleep")) == "1"


# ------------------------------------------------------------------ extensions


def jdk_tool(name: str) -> str:
    """javac or jar from the JDK the kernelspec runs, so the classes match its Java version."""
    tool = Path(labclient.kernelspec_argv()[0]).parent / name
    assert tool.exists(), f"{tool} missing: the kernelspec must name a JDK's java"
    return str(tool)


def build_extension_jar(workdir: Path, package: str, helper_src: str) -> Path:
    """A jar with one helper class and one Extension that counts its installs in a system property."""
    src = workdir / "src" / package.replace(".", "/")
    src.mkdir(parents=True)
    (src / "TestExtension.java").write_text(
        f"package {package};\n"
        "public class TestExtension implements org.dflib.jjava.jupyter.Extension {\n"
        "    @Override public void install(org.dflib.jjava.jupyter.kernel.BaseKernel kernel) {\n"
        f'        String key = "{package}.installs";\n'
        "        System.setProperty(key, String.valueOf(Integer.getInteger(key, 0) + 1));\n"
        '        System.out.println("ext installed");\n'
        "    }\n"
        "}\n")
    (src / "Helper.java").write_text(f"package {package};\n{helper_src}\n")
    classes = workdir / "classes"
    services = classes / "META-INF" / "services"
    services.mkdir(parents=True)
    (services / "org.dflib.jjava.jupyter.Extension").write_text(f"{package}.TestExtension\n")
    subprocess.run([jdk_tool("javac"), "--release", "17", "-cp", str(JJAVA_JAR), "-d", str(classes),
                    *map(str, src.glob("*.java"))], check=True, timeout=120)
    jar = workdir / "out" / f"{package.rsplit('.', 1)[-1]}.jar"
    jar.parent.mkdir()
    subprocess.run([jdk_tool("jar"), "--create", "--file", str(jar), "-C", str(classes), "."],
                   check=True, timeout=60)
    return jar


@pytest.fixture(scope="module")
def classpath_jar(tmp_path_factory):
    return build_extension_jar(tmp_path_factory.mktemp("cp"), "hslab.cptest",
                               'public class Helper { public static String greet(String who) { return "hello " + who; } }')


@pytest.fixture(scope="module")
def jars_dir(tmp_path_factory):
    jar = build_extension_jar(tmp_path_factory.mktemp("jars"), "hslab.jarstest",
                              "public class Helper { public static int answer() { return 42; } }")
    return jar.parent


def test_classpath_magic_adds_jar_and_installs_extension_once(kernel, classpath_jar):
    first = ok(kernel.run(f"%classpath {classpath_jar}"))
    second = ok(kernel.run(f"%classpath {classpath_jar}"))
    assert plain(kernel.run('hslab.cptest.Helper.greet("bob")')) == "hello bob"
    assert plain(kernel.run('Integer.getInteger("hslab.cptest.installs")')) == "1", \
        "the extension must be installed exactly once:\n" + first.describe() + "\n" + second.describe()
    printed = first.text().count("ext installed") + second.text().count("ext installed")
    assert printed <= 1, first.describe() + "\n" + second.describe()


def test_jars_magic_takes_a_glob(kernel, jars_dir):
    ok(kernel.run(f"%jars {jars_dir}/*.jar"))
    ok(kernel.run(f"%jars {jars_dir}/*.jar"))
    assert plain(kernel.run("hslab.jarstest.Helper.answer()")) == "42"
    assert plain(kernel.run('Integer.getInteger("hslab.jarstest.installs")')) == "1"


# ------------------------------------------------------------------ renderers from kernel-ext


def test_tablesaw_table_renders_as_html_table(kernel):
    cell = ok(kernel.run('tech.tablesaw.api.Table.create("t", tech.tablesaw.api.IntColumn.create("n", 1, 2, 3))'))
    assert cell.result is not None, cell.describe()
    assert "<table" in cell.result.get("text/html", ""), cell.describe()
    assert cell.result.get("text/plain"), cell.describe()


def test_xchart_renders_as_png(kernel):
    cell = ok(kernel.run(
        'var chart = new org.knowm.xchart.XYChartBuilder().width(300).height(200).title("c").build();\n'
        'chart.addSeries("s", new double[] {1, 2, 3}, new double[] {1, 4, 9});\n'
        "chart"))
    assert cell.result is not None and "image/png" in cell.result, cell.describe()
    png = base64.b64decode(cell.result["image/png"])
    assert png.startswith(PNG_SIGNATURE), png[:16]


# ------------------------------------------------------------------ interrupt and restart


STARTED = "cell started"


def interrupt_running(k, body: str, delay: float = 1.0):
    """Run `{ print STARTED; body }`, interrupt `delay` s after STARTED arrives, return the cell and the
    seconds from the interrupt to the execute reply. Waiting for STARTED makes sure the interrupt hits
    running user code, not the compilation before it (the test after this one covers that case)."""
    code = f'{{ System.out.println("{STARTED}"); {body} }}'
    msg_id = k.kc.execute(code, store_history=True, allow_stdin=False)
    started = collect(k.kc, msg_id, timeout=60,
                      until=lambda m: m["msg_type"] == "stream" and STARTED in m["content"]["text"])
    time.sleep(delay)
    sent = time.monotonic()
    k.km.interrupt_kernel()
    reply = wait_reply(k.kc, msg_id, timeout=10)
    took = time.monotonic() - sent
    outputs = started + collect(k.kc, msg_id, timeout=10)
    return labclient.Cell(code, reply["content"], outputs), took


@pytest.mark.parametrize("body", ["while (true) {}", "Thread.sleep(60_000);"], ids=["busy-loop", "sleep"])
def test_interrupt_stops_the_cell_and_kernel_goes_on(fresh_kernel, body):
    assert plain(fresh_kernel.run("1 + 1")) == "2"
    cell, took = interrupt_running(fresh_kernel, body)
    assert cell.status in ("error", "aborted"), cell.describe()
    assert took < 10
    assert plain(fresh_kernel.run("1 + 1")) == "2"


def test_interrupt_sent_right_after_execute_still_stops_the_cell(fresh_kernel):
    assert plain(fresh_kernel.run("1 + 1")) == "2"
    msg_id = fresh_kernel.kc.execute('Thread.sleep(8_000); "finished"', allow_stdin=False)
    fresh_kernel.km.interrupt_kernel()
    reply = wait_reply(fresh_kernel.kc, msg_id, timeout=30)
    cell = labclient.Cell("Thread.sleep(8_000)", reply["content"], collect(fresh_kernel.kc, msg_id, timeout=30))
    assert cell.status in ("error", "aborted"), cell.describe()


def test_restart_gives_a_working_fresh_kernel(fresh_kernel):
    ok(fresh_kernel.run("int beforeRestart = 7;"))
    fresh_kernel.km.restart_kernel()
    fresh_kernel.kc.wait_for_ready(timeout=90)
    assert plain(fresh_kernel.run("1 + 1")) == "2"
    assert fresh_kernel.run("beforeRestart").status == "error", "state survived the restart"
