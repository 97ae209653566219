"""Two gunicorn instances behind nginx, sharing PostgreSQL and Redis, set up as docs/deploy.md
says. They start real servers, so they run only when FRONTLINE_INSTANCE_TESTS is set, against
the PostgreSQL server of DATABASE_URL (CI's PostgreSQL pass does both)."""

from __future__ import annotations

import os
import re
import subprocess
import threading
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from sqlalchemy.engine import make_url

from benchmarks.load.balancer import nginx
from benchmarks.load.client import Browser
from benchmarks.load.database import prepare, recreate_postgresql_database
from benchmarks.load.server import HOST, ServerSettings, gunicorn
from scoring.format import load_library
from tests.deploy.signing_in import LIBRARY, sign_in
from tests.helpers import CSRF_FIELD

pytestmark = [
    pytest.mark.skipif(
        not os.environ.get("FRONTLINE_INSTANCE_TESTS") or "postgresql" not in os.environ.get(
            "DATABASE_URL", ""),
        reason="starts servers: set FRONTLINE_INSTANCE_TESTS=1 and a PostgreSQL DATABASE_URL",
    ),
    # Preparing a database and starting two servers and nginx takes its time on a slow machine.
    pytest.mark.timeout(300),
]
SLUG = "hosting-shop-outage"


@dataclass(frozen=True)
class Cluster:
    a: int  # the two instances' ports
    b: int
    balancer: int  # nginx, spreading requests over both


@pytest.fixture(scope="module")
def cluster(tmp_path_factory) -> Iterator[Cluster]:
    folder = tmp_path_factory.mktemp("instances")
    url = make_url(os.environ["DATABASE_URL"]).set(database="test_instances")
    env = {
        "DATABASE_URL": url.render_as_string(hide_password=False),
        "SECRET_KEY": "instances-" + "x" * 40,
        "RATELIMIT_STORAGE_URI": "redis://127.0.0.1:6379/13",
        "FRONTLINE_LOGIN_LIMIT_PER_ACCOUNT": "4 per 5 minutes",
        "FRONTLINE_PROXY_HOPS": "1",
        "FRONTLINE_INSTANCE": str(folder / "instance"),
    }
    recreate_postgresql_database(env["DATABASE_URL"])
    subprocess.run(["redis-cli", "-n", "13", "flushdb"], check=True, capture_output=True)
    prepare(env, load_library(LIBRARY), trainees=4)
    settings = ServerSettings(workers=2)
    with gunicorn(env, settings, folder / "a.log") as a, \
            gunicorn(env, settings, folder / "b.log") as b, \
            nginx([a.port, b.port], folder) as balancer:
        yield Cluster(a.port, b.port, balancer.port)


_opened: list[Browser] = []


def browser_on(port: int) -> Browser:
    """A new browser (its own cookies and connection), closed when the test ends."""
    _opened.append(Browser(HOST, port))
    return _opened[-1]


@pytest.fixture(autouse=True)
def _close_browsers() -> Iterator[None]:
    yield
    while _opened:
        _opened.pop().close()


def signed_in(port: int, number: int = 0) -> Browser:
    browser = browser_on(port)
    assert sign_in(browser, number) == 302
    return browser


def on(port: int, browser: Browser) -> Browser:
    """The same browser (its cookies) talking to another instance."""
    other = browser_on(port)
    other.cookies = dict(browser.cookies)
    return other


def start(browser: Browser) -> tuple[int, str]:
    token = CSRF_FIELD.search(browser.get(f"/scenarios/{SLUG}").text)[1]
    answer = browser.post_form(f"/practice/start/{SLUG}", {"csrf_token": token,
                                                          "mode": "practice"})
    return int(re.search(r"/practice/attempts/(\d+)", answer.location)[1]), token


def test_a_session_signed_in_on_one_instance_works_on_the_other(cluster):
    browser = signed_in(cluster.a)
    assert browser.get("/home").status == 200
    assert on(cluster.b, browser).get("/home").status == 200
    assert browser_on(cluster.b).get("/home").status == 302  # no cookie: sign in first


def test_failed_sign_ins_count_across_instances(cluster):
    statuses = []
    for port in (cluster.a, cluster.b, cluster.a, cluster.b, cluster.a):
        browser = browser_on(port)
        statuses.append(sign_in(browser, 1, password="wrong password"))
    # Four failures are allowed per account, wherever they land; the fifth is refused.
    assert statuses[:4] == [200] * 4 and statuses[4] == 429, statuses


def test_the_same_reply_sent_to_both_instances_at_once_is_stored_once(cluster):
    browser = signed_in(cluster.a)
    attempt_id, token = start(browser)
    twins = [browser, on(cluster.b, browser)]
    fields = {"csrf_token": token, "step_id": "opening",
              "text": "I'm so sorry your shop is down. Which domain is it?"}
    barrier, answers = threading.Barrier(2), []

    def send(client: Browser) -> None:
        barrier.wait()
        answers.append(client.post_form(f"/practice/attempts/{attempt_id}/reply", fields,
                                        accept="application/json"))

    threads = [threading.Thread(target=send, args=(client,)) for client in twins]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(answer.status for answer in answers) == [200, 200]
    transcript = browser.get(f"/practice/attempts/{attempt_id}")
    assert transcript.text.count('id="turn-1"') == 1 and 'id="turn-2"' in transcript.text


def test_both_instances_grade_alike_and_the_balancer_reaches_both(cluster):
    reply = "Calm down. This is your fault, you should have read the status page."
    grades = []
    for number, port in ((2, cluster.a), (3, cluster.b)):  # each trainee starts afresh
        browser = signed_in(port, number)
        attempt_id, token = start(browser)
        answer = browser.post_form(f"/practice/attempts/{attempt_id}/reply", {
            "csrf_token": token, "step_id": "opening", "text": reply}, accept="application/json")
        grades.append(re.findall(r'class="score score-\w+">\s*<span class="score-name">(\w+)'
                                 r"</span> <strong>(\d+)</strong>", answer.data["turns"]))
    assert grades[0] and grades[0] == grades[1]
    through = signed_in(cluster.balancer)
    assert all(through.get("/home").status == 200 for _ in range(6))
