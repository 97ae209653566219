"""Helpers the tests share: signing in, posting forms with their CSRF token, attempts and
histories made through the services or written straight to the database, counting SQL
statements, a hiring candidate's browser, and playing a scenario in a real browser.

Fixtures live in the conftest files; everything a test imports lives here.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from html.parser import HTMLParser
from typing import NamedTuple

from flask.testing import FlaskClient
from sqlalchemy import event

from trainer.auth.models import Role, User
from trainer.database import db
from trainer.hiring.invitations import invite
from trainer.hiring.models import Candidate, HiringAssignment
from trainer.library.catalogue import get_current_version_or_404
from trainer.library.models import ScenarioRecord, ScenarioVersion
from trainer.practice.models import Attempt, AttemptMode, Reply
from trainer.practice.services import scenario_of, start_attempt, submit_reply
from trainer.progress.models import RankAward
from trainer.progress.services import evaluate_and_award

# --- accounts, forms and signing in --------------------------------------------------------------

PASSWORD = "correct horse battery"
PRODUCTION_KEY = "c0a3f1e9b8d27f64a5c1e0b9d8f7a6e5"  # 32 characters of 16 symbols
CSRF_FIELD = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


class Account(NamedTuple):
    """What a test needs of a user, usable outside the app context."""

    id: int
    email: str
    name: str
    role: Role
    mentor_id: int | None


def start_practice(app, account: Account, slug: str, mode: str = "practice"):
    """Start an attempt through the service; returns it detached (id, mode, current step...)."""
    with app.app_context():
        user = db.session.get(User, account.id)
        attempt = start_attempt(user, get_current_version_or_404(slug), AttemptMode(mode))
        db.session.refresh(attempt)
        db.session.expunge(attempt)
        return attempt


def csrf_token(client: FlaskClient, path: str) -> str:
    page = client.get(path).get_data(as_text=True)
    match = CSRF_FIELD.search(page)
    assert match, f"no CSRF token on {path}"
    return match.group(1)


def post_form(client: FlaskClient, path: str, data: dict, token_from: str | None = None, **kw):
    """POST a form the way a browser does: with the CSRF token of the page that shows it."""
    token = csrf_token(client, token_from or path)
    return client.post(path, data={"csrf_token": token, **data}, **kw)


def login(client: FlaskClient, email: str, password: str = PASSWORD, **kw):
    return post_form(client, "/login", {"email": email, "password": password}, **kw)


def signed_in(app, account):
    client = app.test_client()
    assert login(client, account.email).status_code == 302
    return client


def text_of(response) -> str:
    """The page's text as a reader sees it: no tags, entities decoded, spaces collapsed."""
    text = re.sub(r"<[^>]+>", " ", response.get_data(as_text=True))
    return re.sub(r"\s+", " ", html.unescape(text))


# --- counting SQL statements ---------------------------------------------------------------------

@contextmanager
def watching_statements(app, record) -> Iterator[None]:
    """Calls `record` with SQLAlchemy's before_cursor_execute arguments for every statement the
    app sends inside the `with` block."""
    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", record)
    try:
        yield
    finally:
        event.remove(engine, "before_cursor_execute", record)


@contextmanager
def counting_queries(app) -> Iterator[list[str]]:
    """The SQL statements the app runs inside the `with` block, in order."""
    statements: list[str] = []

    def record(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement)

    with watching_statements(app, record):
        yield statements


# --- histories written straight to the database --------------------------------------------------

START = datetime(2026, 2, 2, 9, 0)
# Three distinct scenarios (difficulties 1 to 3) that pass the first rank's bar.
EASY = ["hosting-content-edit", "crm-csv-import", "hosting-shop-outage"]


def add_history(app, account, plays: list[dict]) -> list[int]:
    """Finished attempts and their replies written straight into the database, as many as a
    test needs, in one transaction. Each play may give slug, day, score (or politeness,
    correctness, completeness), violations, mode (exam: they count for ranks), replies,
    reply_ms. Returns their ids."""
    with app.app_context():
        versions = dict(db.session.execute(
            db.select(ScenarioRecord.slug, ScenarioVersion.id)
            .join(ScenarioVersion, ScenarioRecord.current_version_id == ScenarioVersion.id)
        ).all())
        ids = []
        for number, play in enumerate(plays):
            score = play.get("score", 85)
            scores = {name: play.get(name, score)
                      for name in ("politeness", "correctness", "completeness")}
            finished = START + timedelta(days=play.get("day", 0), minutes=number)
            count, reply_ms = play.get("replies", 2), play.get("reply_ms", 40_000)
            attempt = Attempt(
                user_id=account.id, scenario_version_id=versions[play.get("slug", EASY[0])],
                mode=AttemptMode(play.get("mode", "exam")), current_step=None,
                started_at=finished - timedelta(minutes=5), finished_at=finished,
                overall=score, violation_count=play.get("violations", 0),
                passed=score >= 70, median_reply_ms=reply_ms, **scores,
            )
            attempt.replies = [
                Reply(step_id=f"step-{n}", position=n + 1, text="A reply.", overall=score,
                      violation_count=0, card={}, scorer_version="test",
                      served_at=finished - timedelta(seconds=reply_ms * (count - n) / 1000),
                      received_at=finished - timedelta(seconds=count - n - 1),
                      reply_ms=reply_ms, **scores)
                for n in range(count)
            ]
            db.session.add(attempt)
            db.session.flush()
            ids.append(attempt.id)
        db.session.commit()
        return ids


# A ladder whose first real rank also needs the mentor's sign-off.
SIGN_OFF_LADDER = (
    "ranks:\n  - {id: trainee, name: Trainee}\n  - id: operator-l1\n"
    "    name: Support Operator (L1)\n"
    "    requirements: [{kind: scenarios_passed, count: 2}, {kind: mentor_sign_off}]\n"
)


def first_rank_history(days: int = 0) -> list[dict]:
    """Meets the shipped ladder's second rank: 3 scenarios passed, 10 good replies."""
    return [{"slug": slug, "day": days, "replies": 4 if n < 2 else 2}
            for n, slug in enumerate(EASY)]


def awards(app, account) -> list[tuple[str, bool]]:
    with app.app_context():
        rows = db.session.execute(
            db.select(RankAward.rank_id, RankAward.revoked_at).where(
                RankAward.user_id == account.id).order_by(RankAward.rank_level)
        ).all()
        return [(rank_id, revoked_at is None) for rank_id, revoked_at in rows]


def evaluate(app, account) -> list[str]:
    with app.app_context():
        return [award.rank_id for award in evaluate_and_award(db.session.get(User, account.id))]


# --- finished attempts and the review form -------------------------------------------------------

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


# --- hiring candidates ---------------------------------------------------------------------------

FIXED = ("hosting-ssl-expired", "hosting-shop-outage")
POLITE = ("Thank you for writing to us, and I am sorry for the trouble. "
          "Let me check this for you right away.")


class Invited(NamedTuple):
    id: int
    token: str
    url: str


def invite_to(app, assignment_id: int, name: str = "Ada Lovelace",
              email: str = "ada@example.com") -> Invited:
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


# --- a real browser ------------------------------------------------------------------------------

def play_to_the_end(page, library, slug: str, first_reply: str | None = None,
                    mode: str = "practice") -> None:
    """Start the scenario from its page in `mode` and answer every message with the model
    answer, or the first one with `first_reply`."""
    start_in_browser(page, slug, mode)
    answer_to_the_end(page, library, slug, first_reply)


def start_in_browser(page, slug: str, mode: str = "practice") -> None:
    """Start the scenario from its page in `mode`; the page is then the chat."""
    page.goto(f"/scenarios/{slug}")
    page.get_by_label(re.compile(f"{mode.capitalize()}: feedback")).check()
    page.get_by_role("button", name="Start").click()
    page.wait_for_url(re.compile(r"/practice/attempts/\d+$"))


def answer_to_the_end(page, library, slug: str, first_reply: str | None = None) -> None:
    """In the open chat, answer every message with the model answer, or the first one with
    `first_reply`, until the transcript shows."""
    while not page.url.endswith("/transcript"):
        step = page.locator("input[name=step_id]").input_value()
        answer = library.scenarios[slug].step(step).model_answer
        page.locator("textarea[name=text]").fill(first_reply or answer)
        first_reply = None
        page.get_by_role("button", name="Send").click()
        page.wait_for_function(
            "step => location.pathname.endsWith('/transcript') || "
            "document.querySelector('input[name=step_id]')?.value !== step",
            arg=step,
        )
