"""A simulated hiring candidate: opens their link, starts, answers every customer with a pause
to think, and sometimes sends the same reply twice (a double click, a retry).

It talks to the server as the exam page does without script (plain form posts answered with a
redirect to the next message) and counts the replies the server accepted, to compare with the
database afterwards.
"""

from __future__ import annotations

import html
import random
import re
import time

from benchmarks.load.client import Browser, Response
from benchmarks.load.figures import Sample
from benchmarks.load.replies import reply_for
from benchmarks.load.trainee import CSRF_FIELD, Trainee, is_page, is_redirect
from scoring.format import Library

LANDING = "landing"
START = "start"
PLAY_PAGE = "play page"
SUBMIT = "submit"
REPEAT = "repeat"  # the same reply sent again: must be recorded once

FIELD = re.compile(r'name="(position|step_id)" type="hidden" value="([^"]*)"')
TITLE = re.compile(r"<h1>([^<]*)</h1>")
# A bound on the replies of one test, whatever the scenarios' branches do.
MAX_REPLIES = 60


class Candidate:
    """One candidate's browser; not thread-safe: each candidate runs in its own thread."""

    def __init__(self, browser: Browser, token: str, library: Library, number: int,
                 think: tuple[float, float], repeat_share: float) -> None:
        self.browser = browser
        self.path = f"/test/{token}"
        self.library = library
        self.titles = {scenario.title: scenario for scenario in library.scenarios.values()}
        self.rng = random.Random(number)
        self.think = think
        self.repeat_share = repeat_share
        self.window = ""
        self.samples: list[Sample] = []
        self.errors: list[str] = []
        self.accepted_replies = 0
        self.finished = False

    def take_test(self, window: str, arrival: float = 0.0) -> None:
        """Wait up to `arrival` seconds (when this candidate opens the link), then open it,
        start, and answer until the thank-you page (or a failure)."""
        self.window = window
        time.sleep(self.rng.uniform(0.0, arrival))
        landing = self._request(LANDING, lambda: self.browser.get(self.path), is_page)
        if landing is None:
            return
        token = CSRF_FIELD.search(landing.text).group(1)
        started = self._request(START, lambda: self.browser.post_form(
            f"{self.path}/start", {"csrf_token": token}), is_redirect)
        if started is None:
            return
        for _ in range(MAX_REPLIES):
            page = self._request(PLAY_PAGE, lambda: self.browser.get(f"{self.path}/play"),
                                 lambda r: is_page(r) or is_redirect(r))
            if page is None:
                return
            if page.status == 302:
                self.finished = page.location.endswith("/done")
                return
            time.sleep(self.rng.uniform(*self.think))
            self._answer(page)

    def _answer(self, page: Response) -> None:
        fields = dict(FIELD.findall(page.text))
        scenario = self.titles[html.unescape(TITLE.search(page.text).group(1).strip())]
        step = scenario.step(fields["step_id"])
        form = {**fields, "csrf_token": CSRF_FIELD.search(page.text).group(1),
                "text": reply_for(step, self.rng)}
        sent = self._request(SUBMIT, lambda: self.browser.post_form(f"{self.path}/reply", form),
                             is_redirect)
        if sent is None:
            return
        self.accepted_replies += 1
        if self.rng.random() < self.repeat_share:
            self._request(REPEAT, lambda: self.browser.post_form(f"{self.path}/reply", form),
                          is_redirect)

    # Timing and judging a request works as for a trainee (same attributes, same samples).
    _request = Trainee._request
    _record = Trainee._record
