"""A simulated trainee: signs in, plays scenarios reply by reply, and loads a plain page.

It talks to the server the way the practice page's script does (replies sent URL-encoded with
`Accept: application/json`, the next customer message read from the answer) and keeps its own
tally of what the server accepted, to compare with the database afterwards.
"""

from __future__ import annotations

import random
import re
import time
from collections.abc import Callable

from benchmarks.load.client import NETWORK_ERRORS, Browser, Response
from benchmarks.load.figures import Sample
from benchmarks.load.replies import reply_for
from scoring.format import Library

SIGN_IN = "sign-in"
BARE_PAGE = "bare page"
SUBMIT = "submit"
START = "start"
PLAY_PAGE = "play page"

BARE_PAGE_PATH = "/home"
CSRF_FIELD = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')
STEP_FIELD = re.compile(r'name="step_id" type="hidden" value="([^"]*)"')
ATTEMPT_PATH = re.compile(r"/practice/attempts/(\d+)$")
MAX_ERRORS_KEPT = 5


class SignInFailed(RuntimeError):
    """The trainee could not sign in, so the run cannot measure anything meaningful."""


def is_page(response: Response) -> bool:
    return response.status == 200 and response.content_type.startswith("text/html")


def is_redirect(response: Response) -> bool:
    return response.status == 302 and bool(response.location)


def is_accepted_reply(response: Response) -> bool:
    """200 JSON without an error: the reply was stored and the conversation moved on."""
    if response.status != 200 or not response.content_type.startswith("application/json"):
        return False
    return response.data.get("error") is None


class Trainee:
    """One signed-in browser; not thread-safe: each trainee runs in its own thread."""

    def __init__(
        self, browser: Browser, email: str, password: str, library: Library, number: int
    ) -> None:
        self.browser = browser
        self.email = email
        self.password = password
        self.library = library
        self.slugs = sorted(library.scenarios)
        self.rng = random.Random(number)  # reproducible choice of replies per trainee
        self.window = SIGN_IN
        self.samples: list[Sample] = []
        self.errors: list[str] = []
        self.accepted_replies = 0
        self.attempt_ids: set[int] = set()
        self._next_slug = number % len(self.slugs)
        self._token = ""
        self._attempt: tuple[int, str] | None = None  # (attempt id, scenario slug)
        self._step_id = ""

    def sign_in(self) -> None:
        """Sign in through the form; raises SignInFailed when the server refuses."""
        page = self._request(SIGN_IN, lambda: self.browser.get("/login"), is_page)
        self._remember_token(page)
        fields = {"csrf_token": self._token, "email": self.email, "password": self.password}
        answer = self._request(SIGN_IN, lambda: self.browser.post_form("/login", fields),
                               is_redirect)
        if answer is None or not self.load_bare_page():
            raise SignInFailed(f"{self.email} could not sign in: {self.errors}")

    def load_bare_page(self) -> bool:
        page = self._request(BARE_PAGE, lambda: self.browser.get(BARE_PAGE_PATH), is_page)
        self._remember_token(page)
        return page is not None

    def play_turn(self, *, with_bare_page: bool) -> None:
        """Send one reply (starting an attempt first if none is open), then maybe a plain page."""
        if self._attempt is None and not self._start_attempt():
            return
        self._submit_reply()
        if with_bare_page:
            self.load_bare_page()

    def run(self, window: str, deadline: float, turn: Callable[[], object], limit: int) -> None:
        """Repeat `turn` until the deadline passes or `limit` turns are done."""
        self.window = window
        for _ in range(limit):
            if time.perf_counter() >= deadline:
                return
            turn()

    def _start_attempt(self) -> bool:
        slug = self.slugs[self._next_slug]
        self._next_slug = (self._next_slug + 1) % len(self.slugs)
        fields = {"csrf_token": self._token, "mode": "practice"}
        path = f"/practice/start/{slug}"
        answer = self._request(START, lambda: self.browser.post_form(path, fields), is_redirect)
        match = ATTEMPT_PATH.search(answer.location) if answer else None
        if match is None:
            return False
        attempt_id = int(match.group(1))
        self.attempt_ids.add(attempt_id)
        self._attempt = (attempt_id, slug)
        return self._load_play_page()

    def _load_play_page(self) -> bool:
        """Read the current customer message and a fresh token; forget a finished attempt."""
        attempt_id, _ = self._attempt
        path = f"/practice/attempts/{attempt_id}"
        page = self._request(PLAY_PAGE, lambda: self.browser.get(path),
                             lambda r: is_page(r) or is_redirect(r))
        step = STEP_FIELD.search(page.text) if page is not None and page.status == 200 else None
        if step is None:
            self._attempt = None
            return False
        self._step_id = step.group(1)
        self._remember_token(page)
        return True

    def _submit_reply(self) -> None:
        attempt_id, slug = self._attempt
        step = self.library.scenarios[slug].step(self._step_id)
        fields = {"csrf_token": self._token, "step_id": self._step_id,
                  "text": reply_for(step, self.rng)}
        path = f"/practice/attempts/{attempt_id}/reply"
        answer = self._request(
            SUBMIT, lambda: self.browser.post_form(path, fields, accept="application/json"),
            is_accepted_reply,
        )
        if answer is None:
            self._load_play_page()  # find out where the conversation really stands
            return
        self.accepted_replies += 1
        data = answer.data
        if data["finished"]:
            self._attempt = None
            return
        self._step_id = data["step_id"]
        if "csrf_token" in data:  # the usual answer: the graded reply and the next message
            self._token = data["csrf_token"]
        else:  # after a repeated reply: the whole conversation with its form
            self._remember_token(data["html"])

    def _request(
        self, kind: str, send: Callable[[], Response], expected: Callable[[Response], bool]
    ) -> Response | None:
        """Send, time and judge one request; the answer, or None when it failed."""
        started = time.perf_counter()
        try:
            response = send()
        except NETWORK_ERRORS as error:
            finished = time.perf_counter()
            self._record(kind, finished - started, finished, f"{kind}: {error!r}")
            return None
        ok = expected(response)
        problem = "" if ok else f"{kind}: HTTP {response.status} {response.body[:200]!r}"
        self._record(kind, response.seconds, time.perf_counter(), problem)
        return response if ok else None

    def _record(self, kind: str, seconds: float, finished_at: float, problem: str) -> None:
        self.samples.append(Sample(self.window, kind, seconds, not problem, finished_at))
        if problem and len(self.errors) < MAX_ERRORS_KEPT:
            self.errors.append(problem)

    def _remember_token(self, page: Response | str | None) -> None:
        if page is None:
            return
        match = CSRF_FIELD.search(page if isinstance(page, str) else page.text)
        if match:
            self._token = match.group(1)
