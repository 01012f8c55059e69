"""Fixtures for the browser test: a throwaway JupyterLab server and a headless Debian Chromium.

Both are started per test session and always stopped, with every wait bounded. The server serves a
temporary copy of notebooks/ (beside links to the rest of the project, so `../captures/...` still
resolves), with its own settings and workspaces: the test never writes to the committed notebooks
or to the JupyterLab state that `./lab start` uses.
"""
from __future__ import annotations

import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
VENV_BIN = Path(sys.executable).parent

CHROMIUM = Path(os.environ.get("LAB_CHROMIUM", "/usr/bin/chromium"))
CHROMEDRIVER = Path(os.environ.get("LAB_CHROMEDRIVER", "/usr/bin/chromedriver"))
WINDOW = (1400, 1000)
SERVER_START_TIMEOUT = 60  # seconds until /api/status answers
SERVER_STOP_TIMEOUT = 20   # seconds for a clean shutdown (kernels included) before killing

for var, sub in (("JUPYTER_PATH", "jupyter"), ("JUPYTER_DATA_DIR", "data")):
    os.environ.setdefault(var, str(ROOT / ".lab" / sub))  # as ./lab sets them

# JupyterLab user settings for the test server: no news or update checks (no internet), and no
# autosave, so nothing is written back even to the temporary copy while the test runs.
LAB_SETTINGS = {
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings":
        {"checkForUpdates": False, "fetchNews": "false"},
    "@jupyterlab/docmanager-extension/plugin.jupyterlab-settings": {"autosave": False},
}


def missing_browser_message() -> str | None:
    """One line naming the Debian package to install, or None when both programs are there."""
    missing = [(path, pkg) for path, pkg in ((CHROMIUM, "chromium"), (CHROMEDRIVER, "chromium-driver"))
               if not os.access(path, os.X_OK)]
    if not missing:
        return None
    return (f"{' and '.join(str(path) for path, _ in missing)} not found: "
            f"sudo apt-get install {' '.join(pkg for _, pkg in missing)} (./lab test installs it as root)")


def kill_processes_mentioning(marker: str) -> list[int]:
    """SIGKILLs this user's processes whose command line contains `marker`, a temp path of ours.

    The last resort after a clean stop: kernels run in sessions of their own and Chromium forks
    helpers, but each names our temporary connection file or profile dir on its command line.
    """
    killed = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit() or int(proc.name) == os.getpid():
            continue
        try:
            if proc.stat().st_uid != os.getuid():
                continue
            cmdline = (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        if marker in cmdline:
            try:
                os.kill(int(proc.name), signal.SIGKILL)
                killed.append(int(proc.name))
            except OSError:
                pass
    return killed


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class JupyterLabServer:
    """A running `jupyter lab`: where it listens, its token, and the folder it serves."""

    port: int
    token: str
    root: Path
    process: subprocess.Popen
    log: Path
    launched: float  # time.monotonic() at launch, for the wall times the test prints

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}/{path.lstrip('/')}?token={self.token}"

    def api(self, path: str, method: str = "GET", timeout: float = 5) -> dict:
        request = urllib.request.Request(self.url(f"api/{path}"), method=method)
        with urllib.request.urlopen(request, timeout=timeout) as response:
            body = response.read()
        return json.loads(body) if body else {}

    def wait_until_serving(self) -> None:
        """Returns once the REST API answers; fails with the server's log if it exits or times out."""
        deadline = time.monotonic() + SERVER_START_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                pytest.fail(f"jupyter lab exited with {self.process.returncode} while starting:\n"
                            + self.log_tail())
            try:
                self.api("status", timeout=2)
                return
            except (OSError, urllib.error.URLError, ValueError):
                time.sleep(0.25)
        pytest.fail(f"jupyter lab did not answer on port {self.port} within {SERVER_START_TIMEOUT} s:\n"
                    + self.log_tail())

    def log_tail(self, lines: int = 30) -> str:
        try:
            return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""


def copy_project(tmp: Path) -> Path:
    """tmp/project: a copy of notebooks/ (no tests) and links to the rest of the project's top level."""
    project = tmp / "project"
    project.mkdir()
    shutil.copytree(ROOT / "notebooks", project / "notebooks",
                    ignore=shutil.ignore_patterns("tests", ".ipynb_checkpoints", "__pycache__"))
    for entry in ROOT.iterdir():
        if entry.name != "notebooks" and not entry.name.startswith("."):
            (project / entry.name).symlink_to(entry)
    return project


def write_lab_settings(config_dir: Path) -> None:
    for name, value in LAB_SETTINGS.items():
        file = config_dir / "lab" / "user-settings" / name
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_text(json.dumps(value, indent=2) + "\n")


def stop_server(server: JupyterLabServer, runtime_dir: Path) -> None:
    """Asks the server to shut down (it stops its kernels), then makes sure everything is gone."""
    if server.process.poll() is None:
        try:
            server.api("shutdown", method="POST")
        except (OSError, urllib.error.URLError, ValueError):
            pass
        try:
            server.process.wait(SERVER_STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            os.killpg(server.process.pid, signal.SIGKILL)
            server.process.wait(5)
    # kernels name their connection file, which lives in our runtime dir, on their command line
    leftovers = kill_processes_mentioning(str(runtime_dir))
    if leftovers:
        print(f"browser test: killed processes left behind by jupyter lab: {leftovers}", file=sys.stderr)


@pytest.fixture(scope="session", autouse=True)
def sigterm_tears_down():
    """SIGTERM (a CI timeout, `kill`) ends the run like Ctrl-C, so the server and Chromium still stop."""
    def interrupt(signum, frame):
        raise KeyboardInterrupt(f"signal {signum}")

    previous = signal.signal(signal.SIGTERM, interrupt)
    yield
    signal.signal(signal.SIGTERM, previous)


@pytest.fixture(scope="session")
def browser_programs() -> None:
    """Skips (fails on CI) with the apt line to run when Debian's chromium or chromedriver is missing."""
    message = missing_browser_message()
    if message:
        if os.environ.get("CI") == "true":
            pytest.fail(message, pytrace=False)
        pytest.skip(message)


@pytest.fixture(scope="session")
def jupyter_lab(browser_programs, tmp_path_factory) -> JupyterLabServer:
    """`jupyter lab` from the venv on a free 127.0.0.1 port, serving a temporary copy of the project.

    Started, not yet serving: the test calls wait_until_serving() once Chromium is up too, as the
    two start side by side (the server's own start takes 5-20 s, mostly Python imports)."""
    tmp = tmp_path_factory.mktemp("jupyterlab")
    project = copy_project(tmp)
    config_dir, runtime_dir = tmp / "config", tmp / "runtime"
    write_lab_settings(config_dir)
    env = dict(os.environ, JUPYTER_CONFIG_DIR=str(config_dir), JUPYTER_RUNTIME_DIR=str(runtime_dir))
    port, token = free_port(), secrets.token_hex(16)
    args = [str(VENV_BIN / "jupyter"), "lab", "--no-browser", "--ip=127.0.0.1", f"--port={port}",
            "--ServerApp.port_retries=0", f"--IdentityProvider.token={token}",
            f"--ServerApp.root_dir={project}", "--MultiKernelManager.default_kernel_name=java"]
    if os.geteuid() == 0:
        args.append("--allow-root")
    log = tmp / "jupyter-lab.log"
    launched = time.monotonic()
    with open(log, "wb") as out:
        process = subprocess.Popen(args, env=env, cwd=project, stdin=subprocess.DEVNULL, stdout=out,
                                   stderr=subprocess.STDOUT, start_new_session=True)
    server = JupyterLabServer(port, token, project, process, log, launched)
    try:
        yield server
    finally:
        stop_server(server, runtime_dir)


@pytest.fixture(scope="session")
def browser(browser_programs, tmp_path_factory):
    """Headless Debian Chromium through Debian's chromedriver. Selenium Manager is never asked for
    a driver or a browser (it would download them): the driver path is given, and its lookup is
    disabled outright so a change in Selenium cannot bring it back."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common import selenium_manager

    def no_downloads(self, *args, **kwargs):
        raise RuntimeError("Selenium Manager is disabled here: the test uses Debian's chromedriver")

    selenium_manager.SeleniumManager.binary_paths = no_downloads
    profile = tmp_path_factory.mktemp("chromium-profile")
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--no-first-run", "--no-default-browser-check", "--disable-extensions",
                # no network but loopback here: no update, sync or metrics traffic to wait on
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                f"--user-data-dir={profile}", f"--window-size={WINDOW[0]},{WINDOW[1]}"):
        options.add_argument(arg)
    service = Service(executable_path=str(CHROMEDRIVER), log_output=str(profile.parent / "chromedriver.log"))
    driver = webdriver.Chrome(service=service, options=options)
    try:
        driver.set_page_load_timeout(60)
        driver.set_script_timeout(30)
        # the viewport itself is WINDOW, whatever the headless window's frame takes
        driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                               {"width": WINDOW[0], "height": WINDOW[1], "deviceScaleFactor": 1, "mobile": False})
        yield driver
    finally:
        try:
            driver.quit()
        finally:
            kill_processes_mentioning(str(profile))
