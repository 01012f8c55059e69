"""Fixtures for the kernel protocol tests: the real `java` kernel, started through jupyter_client."""
from __future__ import annotations

import pytest
from jupyter_client.manager import start_new_kernel

import labclient

labclient.use_project_jupyter_dirs()

STARTUP_TIMEOUT = 90


class RunningKernel:
    """A started kernel: its manager, a connected blocking client, and run()."""

    def __init__(self):
        labclient.kernelspec_argv()  # a clear message when ./lab kernelspec has not run
        self.km, self.kc = start_new_kernel(kernel_name=labclient.KERNEL_NAME, startup_timeout=STARTUP_TIMEOUT)

    def run(self, code: str, timeout: float = 60) -> labclient.Cell:
        return labclient.run(self.kc, code, timeout)

    def close(self):
        try:
            self.kc.stop_channels()
        finally:
            self.km.shutdown_kernel(now=True)


@pytest.fixture(scope="module")
def kernel():
    """One kernel shared by the tests of a module: state carries over between them."""
    k = RunningKernel()
    yield k
    k.close()


@pytest.fixture
def fresh_kernel():
    """A kernel of its own, for tests that interrupt or restart it."""
    k = RunningKernel()
    yield k
    k.close()
