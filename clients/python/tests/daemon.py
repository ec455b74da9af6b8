"""A corridord of the tests' own: on a socket in a fresh directory under /tmp
(AF_UNIX paths are shorter than 108 bytes), ready once it sends READY=1 on a
NOTIFY_SOCKET the tests bind (no polling), stopped with SIGTERM."""

from __future__ import annotations

import os
import select
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from typing import List, Optional


class Daemon:
    def __init__(self, binary: str) -> None:
        self.binary = binary
        self.dir = tempfile.mkdtemp(prefix="cor-py-", dir="/tmp")
        self.socket_path = os.path.join(self.dir, "s.sock")
        self.data_dir = os.path.join(self.dir, "data")
        self.log_path = os.path.join(self.dir, "corridord.log")
        self.notify = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        self.notify.bind(os.path.join(self.dir, "n.sock"))
        self.proc: Optional[subprocess.Popen[bytes]] = None

    def start(self, timeout: float = 120.0) -> None:
        env = dict(os.environ)
        for var in ("CORRIDOR_SOCKET", "LISTEN_FDS", "LISTEN_PID", "LISTEN_FDNAMES", "WATCHDOG_USEC", "WATCHDOG_PID"):
            env.pop(var, None)
        env["NOTIFY_SOCKET"] = os.path.join(self.dir, "n.sock")
        with open(self.log_path, "wb") as log:
            self.proc = subprocess.Popen([self.binary, "--socket", self.socket_path, "--data-dir", self.data_dir],
                                         env=env, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT)
        pidfd = os.pidfd_open(self.proc.pid)
        deadline = time.monotonic() + timeout
        datagrams: List[bytes] = []
        try:
            while not any(b"READY=1" in d.split(b"\n") for d in datagrams):
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise RuntimeError(f"corridord sent no READY=1 within {timeout} s: {self.log_tail()}")
                readable, _, _ = select.select([self.notify, pidfd], [], [], remaining)
                if self.notify in readable:
                    datagrams.append(self.notify.recv(4096))
                elif pidfd in readable:
                    raise RuntimeError(f"corridord exited with {self.proc.wait()}: {self.log_tail()}")
        finally:
            os.close(pidfd)

    def load_demo(self) -> None:
        """Scenario 1, loaded by corridorctl (built beside corridord)."""
        corridorctl = os.path.join(os.path.dirname(self.binary), "corridorctl")
        result = subprocess.run([corridorctl, "demo", "--socket", self.socket_path],
                                capture_output=True, text=True, timeout=300)
        if result.returncode != 0:
            raise RuntimeError(f"corridorctl demo failed ({result.returncode}): {result.stderr}")

    def log_tail(self, lines: int = 30) -> str:
        try:
            with open(self.log_path, "rb") as f:
                return "\n".join(f.read().decode("utf-8", "replace").splitlines()[-lines:])
        except OSError:
            return ""

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.notify.close()
        shutil.rmtree(self.dir, ignore_errors=True)
