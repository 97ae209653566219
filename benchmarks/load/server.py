"""Serving the app with gunicorn on a free loopback port for the length of a `with` block."""

from __future__ import annotations

import http.client
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

HOST = "127.0.0.1"
APP = "trainer:create_app()"
PROJECT_ROOT = Path(__file__).resolve().parents[2]
START_TIMEOUT_SECONDS = 60.0
STOP_TIMEOUT_SECONDS = 20.0


class ServerFailed(RuntimeError):
    """gunicorn did not come up (the message ends with its log)."""


@dataclass(frozen=True)
class ServerSettings:
    """gunicorn's process model; see benchmarks/README.md for why these defaults."""

    worker_class: str = "sync"
    workers: int = 4
    threads: int = 1  # gthread only
    keep_alive_seconds: int = 2  # gthread only: sync workers close the connection after each answer
    reuse_port: bool = False

    def describe(self) -> str:
        if self.worker_class != "gthread":
            return f"gunicorn {self.worker_class}, {self.workers} workers"
        return (f"gunicorn gthread, {self.workers} workers x {self.threads} threads, keep-alive "
                f"{self.keep_alive_seconds} s" + (", reuse-port" if self.reuse_port else ""))


def free_port() -> int:
    """A port nobody listens on right now (the OS picks it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def gunicorn_command(port: int, settings: ServerSettings) -> list[str]:
    return [
        sys.executable, "-m", "gunicorn",
        "--bind", f"{HOST}:{port}",
        "--worker-class", settings.worker_class,
        "--workers", str(settings.workers),
        # gunicorn turns a sync worker into gthread when given threads, so only gthread gets them
        *(["--threads", str(settings.threads)] if settings.worker_class == "gthread" else []),
        "--keep-alive", str(settings.keep_alive_seconds),
        "--log-level", "warning",
        *(["--reuse-port"] if settings.reuse_port else []),
        APP,
    ]


@dataclass(frozen=True)
class RunningServer:
    port: int
    pid: int  # gunicorn's master process; the workers are its children


@contextmanager
def gunicorn(
    env: dict[str, str], settings: ServerSettings, log_path: Path
) -> Iterator[RunningServer]:
    """Run gunicorn with `env` added to this environment; yields once /healthz answers."""
    port = free_port()
    with log_path.open("wb") as log:
        process = subprocess.Popen(  # noqa: S603 - a fixed command line, no shell
            gunicorn_command(port, settings),
            cwd=PROJECT_ROOT, env={**os.environ, **env}, stdout=log, stderr=subprocess.STDOUT,
        )
        try:
            wait_until_healthy(process, port, log_path)
            yield RunningServer(port, process.pid)
        finally:
            stop(process)


def wait_until_healthy(process: subprocess.Popen, port: int, log_path: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            log = tail(read_log(log_path))
            raise ServerFailed(f"gunicorn exited with {process.returncode}:\n{log}")
        if healthy(port):
            return
        time.sleep(0.1)
    raise ServerFailed(f"gunicorn did not answer /healthz in time:\n{tail(read_log(log_path))}")


def healthy(port: int) -> bool:
    connection = http.client.HTTPConnection(HOST, port, timeout=2)
    try:
        connection.request("GET", "/healthz")
        return connection.getresponse().status == 200
    except OSError:
        return False
    finally:
        connection.close()


def stop(process: subprocess.Popen) -> None:
    """Graceful stop (SIGTERM lets workers finish their requests), then kill if it hangs."""
    if process.poll() is not None:
        return
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=STOP_TIMEOUT_SECONDS)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def read_log(path: Path) -> str:
    return path.read_text(errors="replace")


def tail(text: str, lines: int = 40) -> str:
    return "\n".join(text.splitlines()[-lines:])
