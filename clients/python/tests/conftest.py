"""pytest options and fixtures: --corridord PATH (or CORRIDORD) names the
daemon the tests start; without it the tests that need one are skipped
with the reason, the others run."""

from __future__ import annotations

import os
import sys
from typing import Iterator

import pytest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from daemon import Daemon  # noqa: E402

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--corridord", default=os.environ.get("CORRIDORD", ""),
                     help="path to the corridord binary (corridorctl beside it loads the demo)")


@pytest.fixture(scope="session")
def corridord(request: pytest.FixtureRequest) -> str:
    path = request.config.getoption("--corridord")
    if not path:
        pytest.skip("no corridord given (--corridord PATH or CORRIDORD)")
    path = os.path.abspath(path)
    if not os.access(path, os.X_OK):
        pytest.fail(f"{path} is not an executable file")
    return path


@pytest.fixture(scope="session")
def demo_daemon(corridord: str) -> Iterator[Daemon]:
    """One daemon with scenario 1 loaded (`corridorctl demo`), shared by the session."""
    daemon = Daemon(corridord)
    try:
        daemon.start()
        daemon.load_demo()
        yield daemon
    finally:
        daemon.stop()


@pytest.fixture()
def client(demo_daemon: Daemon) -> Iterator["object"]:
    import corridor
    c = corridor.connect(socket=demo_daemon.socket_path)
    try:
        yield c
    finally:
        c.close()
