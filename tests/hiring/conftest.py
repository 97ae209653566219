"""Fixtures of the hiring tests: assignments made through the services, invitations, and a
candidate's browser (a test client with no account) that answers through the real pages."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import timedelta
from typing import NamedTuple

import pytest

from tests.conftest import CSRF_FIELD
from trainer.auth.models import Role, User
from trainer.database import db, now_utc
from trainer.hiring.assignments import AssignmentInput, save_assignment
from trainer.hiring.invitations import invite
from trainer.hiring.models import Candidate, Selection
from trainer.library.catalogue import get_current_version_or_404

FIXED = ("hosting-ssl-expired", "hosting-shop-outage")
POLITE = ("Thank you for writing to us, and I am sorry for the trouble. "
          "Let me check this for you right away.")


class Invited(NamedTuple):
    id: int
    token: str
    url: str


@pytest.fixture
def make_assignment(app, users, library) -> Callable[..., int]:
    def make(owner=None, *, slugs=FIXED, selection: str = "fixed", mix=None, minutes: int = 30,
             expires_in: timedelta = timedelta(days=7), **settings) -> int:
        with app.app_context():
            manager = db.session.get(User, (owner or users[Role.MANAGER]).id)
            data = AssignmentInput(
                title="Support agent test", instructions="Answer each customer as at work.",
                selection=Selection(selection),
                version_ids=[get_current_version_or_404(slug).id for slug in slugs],
                time_limit_minutes=minutes, expires_at=now_utc() + expires_in,
                draw_mix=mix or {}, **settings,
            )
            return save_assignment(manager, data).id

    return make


def invite_to(app, assignment_id: int, name: str = "Ada Lovelace",
              email: str = "ada@example.com") -> Invited:
    from trainer.hiring.models import HiringAssignment

    with app.test_request_context():
        link = invite(db.session.get(HiringAssignment, assignment_id), name, email)
        return Invited(link.candidate.id, link.url.rsplit("/", 1)[1], link.url)


def candidate_row(app, candidate_id: int) -> Candidate:
    with app.app_context():
        candidate = db.session.get(Candidate, candidate_id)
        db.session.expunge(candidate)
        return candidate


def form_of(page: str) -> dict[str, str]:
    """The reply form's hidden fields and CSRF token on a play page."""
    fields = dict(re.findall(r'name="(position|step_id)" type="hidden" value="([^"]*)"', page))
    fields["csrf_token"] = CSRF_FIELD.search(page).group(1)
    return fields


class CandidateBrowser:
    """A candidate's browser: a test client that follows their link; keeps every answer."""

    def __init__(self, app, token: str) -> None:
        self.client = app.test_client()
        self.token = token
        self.seen: list[str] = []
        self.csrf = ""  # the latest CSRF token a page gave, for posts from a page now gone

    def _keep(self, response):
        body = response.get_data(as_text=True)
        self.seen.append(body)
        match = CSRF_FIELD.search(body)
        if match:
            self.csrf = match.group(1)
        return response

    def get(self, part: str = ""):
        return self._keep(self.client.get(f"/test/{self.token}{part}"))

    def start(self):
        self.get()
        return self._keep(self.client.post(f"/test/{self.token}/start",
                                           data={"csrf_token": self.csrf}))

    def play_form(self) -> dict[str, str]:
        return form_of(self.get("/play").get_data(as_text=True))

    def send(self, text: str, form: dict[str, str] | None = None):
        """Answer the customer's latest message (or the message of `form`)."""
        data = {**(form or self.play_form()), "text": text}
        return self._keep(self.client.post(f"/test/{self.token}/reply", data=data))

    def finish(self, text: str = POLITE, limit: int = 20) -> int:
        """Answer until the test ends; returns how many replies were sent."""
        for sent in range(limit):
            page = self.get("/play")
            if page.status_code == 302:
                return sent
            self.send(text, form_of(page.get_data(as_text=True)))
        raise AssertionError("the test did not end")
