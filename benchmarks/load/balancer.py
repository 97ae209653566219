"""nginx spreading requests over several gunicorn instances on loopback, for the length of a
`with` block: what docs/deploy.md sets up in front of two instances, reduced to the proxying."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from benchmarks.load.server import HOST, free_port, wait_until_healthy

NGINX = """
pid {folder}/nginx.pid;
error_log {folder}/nginx.log;
worker_processes 1;
events {{ worker_connections 4096; }}
http {{
    access_log off;
    upstream frontline {{ {servers} }}
    server {{
        listen {host}:{port} backlog=4096;
        location / {{
            proxy_pass http://frontline;
            proxy_set_header Host $host;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto $scheme;
        }}
    }}
}}
"""


@dataclass(frozen=True)
class Balancer:
    port: int
    pid: int  # nginx's master process; its worker is its child


@contextmanager
def nginx(ports: Sequence[int], folder: Path) -> Iterator[Balancer]:
    """nginx on a free loopback port, passing requests to the instances on `ports` in turn;
    yields once /healthz answers through it. Its configuration and log are kept in `folder`."""
    port = free_port()
    servers = " ".join(f"server {HOST}:{upstream};" for upstream in ports)
    (folder / "nginx.conf").write_text(
        NGINX.format(folder=folder, host=HOST, servers=servers, port=port))
    process = subprocess.Popen([shutil.which("nginx") or "nginx", "-c",  # noqa: S603
                                str(folder / "nginx.conf"), "-g", "daemon off;"])
    try:
        wait_until_healthy(process, port, folder / "nginx.log")
        yield Balancer(port, process.pid)
    finally:
        process.terminate()
        process.wait(timeout=20)
