"""Helpers for the review tests: finished attempts made through the services, and reading the
review page's form the way a browser would submit it."""

from __future__ import annotations

from html.parser import HTMLParser

from tests.conftest import login
from trainer.auth.models import User
from trainer.database import db
from trainer.library.catalogue import get_current_version_or_404
from trainer.practice.models import Attempt, AttemptMode
from trainer.practice.services import scenario_of, start_attempt, submit_reply

SLUG = "hosting-shop-outage"
RUDE = "Calm down. Stop shouting and read the status page, idiot."


def finished_attempt(
    app, account, first_reply: str | None = RUDE, mode: str = "practice", then: str | None = None
) -> int:
    """Play SLUG to the end: `first_reply`, then `then` (None: the model answers) for the rest.

    None as `first_reply` answers with the model answer too. Returns the attempt id.
    """
    with app.app_context():
        user = db.session.get(User, account.id)
        attempt = start_attempt(user, get_current_version_or_404(SLUG), AttemptMode(mode))
        text = first_reply
        while attempt.current_step is not None:
            step = scenario_of(attempt).step(attempt.current_step)
            submit_reply(attempt, step.id, text or step.model_answer)
            text = then
        return attempt.id


def reply_ids(app, attempt_id: int) -> list[int]:
    with app.app_context():
        return [reply.id for reply in db.session.get(Attempt, attempt_id).replies]


def signed_in(app, account):
    client = app.test_client()
    assert login(client, account.email).status_code == 302
    return client


class _FormReader(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.values: dict[str, str] = {}
        self._select: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        kind = attrs.get("type")
        if tag == "input" and name and kind == "radio":
            if "checked" in attrs:
                self.values[name] = attrs.get("value") or ""
        elif tag == "input" and name and kind not in ("checkbox", "submit"):
            self.values[name] = attrs.get("value") or ""
        elif tag == "select":
            self._select = name
        elif tag == "option" and self._select and "selected" in attrs:
            self.values[self._select] = attrs["value"]
        elif tag == "textarea":
            self._textarea = name
            self.values[name] = ""

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            self.values[self._textarea] += data


def form_values(page: str) -> dict[str, str]:
    """Every field of the page with the value a browser would send, as the page was rendered."""
    reader = _FormReader()
    reader.feed(page)
    # Browsers drop the newline that WTForms puts right after <textarea>.
    return {name: value.removeprefix("\r\n") for name, value in reader.values.items()}
