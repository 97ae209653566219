"""Faults under load, on a PostgreSQL server of the test's own: the server restarts, then a
worker is killed, while trainees keep submitting replies. No reply the app acknowledged may be
lost or stored twice; during the outage pages answer 503 with Retry-After and the app recovers
by itself. Runs with the instance tests (FRONTLINE_INSTANCE_TESTS, as root, with PostgreSQL's
pg_createcluster), since it starts servers."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field

import psycopg
import pytest

from benchmarks.load.client import NETWORK_ERRORS, Browser
from benchmarks.load.database import prepare, recreate_postgresql_database
from benchmarks.load.server import HOST, ServerSettings, free_port, gunicorn
from scoring.format import Library, load_library
from tests.deploy.signing_in import LIBRARY, sign_in
from tests.helpers import CSRF_FIELD

pytestmark = [
    pytest.mark.skipif(
        not os.environ.get("FRONTLINE_INSTANCE_TESTS") or not shutil.which("pg_createcluster"),
        reason="starts a PostgreSQL server and gunicorn: set FRONTLINE_INSTANCE_TESTS=1",
    ),
    pytest.mark.timeout(300),  # a cluster of its own, a load run, a restart and a killed worker
]
CLUSTER = "frontline-faults"
TRAINEES = 4
STEP = re.compile(r'name="step_id" type="hidden" value="([^"]*)"')
SLUGS = ("hosting-shop-outage", "crm-csv-import", "pellworth-printer-offline")


@pytest.fixture(scope="module")
def own_postgresql() -> Iterator[str]:
    """A PostgreSQL cluster on a free port, trusted on loopback, removed afterwards."""
    version = sorted(os.listdir("/usr/lib/postgresql"))[-1]
    port = free_port()
    subprocess.run(["pg_dropcluster", version, CLUSTER, "--stop"], capture_output=True)
    subprocess.run(["pg_createcluster", version, CLUSTER, "-p", str(port), "--start", "--",
                    "--auth-local=trust", "--auth-host=trust"], check=True, capture_output=True)
    try:
        yield version
    finally:
        subprocess.run(["pg_dropcluster", version, CLUSTER, "--stop"], capture_output=True)


@dataclass
class Ledger:
    """What the app acknowledged, and what the trainees met on the way."""

    acknowledged: set[tuple[int, str, str]] = field(default_factory=set)
    statuses: list[int] = field(default_factory=list)
    retry_after: set[str] = field(default_factory=set)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def saw(self, status: int, retry_after: str | None) -> None:
        with self.lock:
            self.statuses.append(status)
            if retry_after:
                self.retry_after.add(retry_after)


def keep_practising(port: int, number: int, library: Library, ledger: Ledger,
                    until: threading.Event) -> None:
    """One trainee answering with model answers until told to stop, retrying what failed."""
    browser = Browser(HOST, port)
    try:
        signed_in = False
        attempt = None
        while not until.is_set():
            try:
                if not signed_in:
                    signed_in = sign_in(browser, number) == 302
                    continue
                if attempt is None:
                    slug = SLUGS[len(ledger.acknowledged) % len(SLUGS)]
                    page = browser.get(f"/scenarios/{slug}")
                    ledger.saw(page.status, page.headers.get("Retry-After"))
                    started = browser.post_form(f"/practice/start/{slug}", {
                        "csrf_token": CSRF_FIELD.search(page.text)[1], "mode": "practice"})
                    attempt = (int(re.search(r"/attempts/(\d+)", started.location)[1]), slug)
                    continue
                page = browser.get(f"/practice/attempts/{attempt[0]}")
                ledger.saw(page.status, page.headers.get("Retry-After"))
                step = STEP.search(page.text) if page.status == 200 else None
                if step is None:
                    attempt = None if page.status in (200, 302) else attempt
                    time.sleep(0.2)
                    continue
                text = library.scenarios[attempt[1]].step(step[1]).model_answer
                answer = browser.post_form(
                    f"/practice/attempts/{attempt[0]}/reply",
                    {"csrf_token": CSRF_FIELD.search(page.text)[1], "step_id": step[1],
                     "text": text},
                    accept="application/json")
                ledger.saw(answer.status, answer.headers.get("Retry-After"))
                if answer.status == 200 and answer.data.get("error") is None:
                    with ledger.lock:
                        ledger.acknowledged.add((attempt[0], step[1], text))
            except (*NETWORK_ERRORS, TypeError, ValueError, KeyError):
                time.sleep(0.2)  # the server or the database is away: try again
    finally:
        browser.close()


def stored_replies(url: str) -> list[tuple[int, str, str]]:
    with psycopg.connect(url.replace("postgresql+psycopg://", "postgresql://")) as connection:
        return [tuple(row) for row in connection.execute(
            "SELECT attempt_id, step_id, text FROM replies")]


def test_restarts_and_killed_workers_lose_and_double_nothing(own_postgresql, tmp_path, capsys):
    version = own_postgresql
    port = subprocess.run(["pg_conftool", version, CLUSTER, "show", "port"], check=True,
                          capture_output=True, text=True).stdout.split("=")[-1].strip()
    url = f"postgresql+psycopg://postgres@127.0.0.1:{port}/test_faults"
    env = {"DATABASE_URL": url, "SECRET_KEY": "faults-" + "x" * 40,
           "RATELIMIT_STORAGE_URI": "redis://127.0.0.1:6379/14",
           "FRONTLINE_INSTANCE": str(tmp_path / "instance")}
    recreate_postgresql_database(url)
    library = load_library(LIBRARY)
    prepare(env, library, trainees=TRAINEES)
    ledger, until = Ledger(), threading.Event()
    with gunicorn(env, ServerSettings(workers=2), tmp_path / "gunicorn.log") as server:
        trainees = [threading.Thread(target=keep_practising,
                                     args=(server.port, n, library, ledger, until))
                    for n in range(TRAINEES)]
        for trainee in trainees:
            trainee.start()

        def acknowledged_soon(more: int) -> None:
            target, deadline = len(ledger.acknowledged) + more, time.monotonic() + 60
            while len(ledger.acknowledged) < target and time.monotonic() < deadline:
                time.sleep(0.2)
            assert len(ledger.acknowledged) >= target, "the app did not recover"

        acknowledged_soon(8)
        before = len(ledger.statuses)
        subprocess.run(["pg_ctlcluster", version, CLUSTER, "stop", "-m", "fast"], check=True)
        time.sleep(3)  # the outage: pages answer 503 meanwhile
        during = ledger.statuses[before:]
        subprocess.run(["pg_ctlcluster", version, CLUSTER, "start"], check=True)
        acknowledged_soon(8)
        workers = subprocess.run(["pgrep", "-P", str(server.pid)], capture_output=True,
                                 text=True).stdout.split()
        os.kill(int(workers[0]), signal.SIGKILL)
        acknowledged_soon(8)
        until.set()
        for trainee in trainees:
            trainee.join(timeout=30)

    stored = stored_replies(url)
    lost = ledger.acknowledged - set(stored)
    doubled = len(stored) - len({(attempt, step) for attempt, step, _ in stored})
    with capsys.disabled():
        print(f"\nfaults: {len(ledger.acknowledged)} replies acknowledged, {len(stored)} stored, "
              f"{len(lost)} lost, {doubled} doubled; {during.count(503)} answers of 503 "
              f"during the outage (Retry-After {sorted(ledger.retry_after)})")
    assert lost == set() and doubled == 0
    assert 503 in during and ledger.retry_after
