"""The demo accounts' history, made through the same services as the app's pages.

Every reply is graded by the real scorer: the trainees replay scenario model answers and weaker
replies (only the first sentence of the model answer, a polite reply that says nothing, a rude
one), dated over the last weeks so the progress charts have a line. Then a mentor corrects a
grade, a trainee disputes one, a mentor signs off a rank, and a calibration session waits for
one mentor's grades. It is made once: when a demo trainee already has an attempt, nothing is.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta

from scoring.format import Step
from trainer.auth.models import User
from trainer.calibration.sessions import (
    GradeInput,
    GradingClosed,
    SessionRejected,
    create_session,
    member_of,
    submit_grades,
)
from trainer.database import db, now_utc
from trainer.demo import ADMIN, LENA, MAYA, OMAR, RAVI, TOM
from trainer.library.models import ScenarioRecord, ScenarioVersion
from trainer.practice.models import Attempt, AttemptMode
from trainer.practice.services import scenario_of, start_attempt, submit_reply
from trainer.progress.sign_off import SignOffRefused, sign_off
from trainer.review.disputes import DisputeRefused, open_dispute
from trainer.review.services import (
    ReviewConflict,
    ReviewInput,
    ReviewRejected,
    TurnInput,
    save_review,
)

Reply = Callable[[Step], str]
REPLY_GAP = timedelta(seconds=50)
PRACTICE, EXAM = AttemptMode.PRACTICE, AttemptMode.EXAM
REFUSALS = (ReviewRejected, ReviewConflict, DisputeRefused, SignOffRefused, SessionRejected,
            GradingClosed)


def model(step: Step) -> str:
    return step.model_answer


def half(step: Step) -> str:
    """The model answer's first sentence: polite and on topic, but incomplete."""
    return re.split(r"(?<=[.!?])\s+", step.model_answer.strip(), maxsplit=1)[0]


def vague(step: Step) -> str:
    return "Thank you for your message. We are looking into it and will get back to you soon."


def rude(step: Step) -> str:
    return "Calm down. That is not our fault, just read the status page like everyone else."


@dataclass(frozen=True)
class Play:
    """One attempt: the first reply, then `then` for every later one, `days_ago` at 10:00."""

    slug: str
    mode: AttemptMode
    days_ago: int
    first: Reply = model
    then: Reply = model


# Tom has the first rank, a corrected grade and an open dispute; Lena has reached the rank that
# needs her mentor's sign-off (exams at fifteen scenarios, model answers); Ravi struggles.
PLAYS: dict[str, list[Play]] = {
    TOM: [
        Play("hosting-shop-outage", PRACTICE, 24, first=rude, then=vague),
        Play("hosting-shop-outage", PRACTICE, 22),
        Play("crm-csv-import", PRACTICE, 19, first=half),
        Play("hosting-ssl-expired", EXAM, 15),
        Play("hosting-content-edit", EXAM, 11, first=half, then=half),
        Play("crm-automation-trigger", EXAM, 7),
        Play("pellworth-printer-offline", EXAM, 3, first=half),
        Play("pellworth-account-lockout", EXAM, 1),
    ],
    LENA: [
        Play(slug, EXAM, 30 - 2 * number)
        for number, slug in enumerate([
            "hosting-ssl-expired", "crm-csv-import", "hosting-shop-outage",
            "crm-archived-segment", "crm-duplicate-mailings", "pellworth-lost-files-deadline",
            "pellworth-mouse-lockout-jam", "hosting-unknown-script",
            "clickriver-minimum-payout-rollover", "clickriver-stats-discrepancy",
            "clickriver-traffic-review-hold", "crm-outage-compensation",
            "hosting-banner-tracking-edit", "hosting-deleted-site", "pellworth-printer-offline",
        ])
    ],
    RAVI: [
        Play("hosting-slow-plugins", PRACTICE, 12, first=vague, then=vague),
        Play("crm-reminder-timezone", EXAM, 8, first=rude, then=half),
        Play("pellworth-account-lockout", PRACTICE, 4, first=half),
    ],
}


def _at(days_ago: int) -> datetime:
    today = now_utc().replace(hour=10, minute=0, second=0, microsecond=0)
    return today - timedelta(days=days_ago)


def play(user: User, version_id: int, plan: Play) -> Attempt:
    """Answer every customer message through `submit_reply`, one reply every REPLY_GAP."""
    when = _at(plan.days_ago)
    attempt = start_attempt(user, db.session.get(ScenarioVersion, version_id), plan.mode, when)
    reply = plan.first
    while attempt.current_step is not None:
        when += REPLY_GAP
        step = scenario_of(attempt).step(attempt.current_step)
        submit_reply(attempt, step.id, reply(step), when)
        reply = plan.then
    return attempt


def _current_versions() -> dict[str, int]:
    return dict(db.session.execute(
        db.select(ScenarioRecord.slug, ScenarioRecord.current_version_id)
        .where(ScenarioRecord.current_version_id.is_not(None))
    ).all())


def _already_made(trainees: list[User]) -> bool:
    return db.session.execute(
        db.select(Attempt.id).where(Attempt.user_id.in_([t.id for t in trainees])).limit(1)
    ).first() is not None


def create_history(accounts: dict[str, User]) -> Iterator[str]:
    """Make the history once; yields a line per thing made, or why nothing was."""
    trainees = [accounts[email] for email in PLAYS]
    if _already_made(trainees):
        return
    versions = _current_versions()
    missing = sorted({p.slug for plays in PLAYS.values() for p in plays} - set(versions))
    if missing:
        yield ("Demo history skipped: the scenario library lacks " + ", ".join(missing)
               + " (run `flask --app trainer scenarios import` first).")
        return
    attempts = {
        email: [play(accounts[email], versions[plan.slug], plan) for plan in plans]
        for email, plans in PLAYS.items()
    }
    yield f"Played {sum(map(len, attempts.values()))} demo attempts through the scorer."
    for step in (_reviews, _sign_off, _calibration):
        try:
            yield from step(accounts, attempts)
        except REFUSALS as refused:  # accounts changed by hand, or another ladder or library
            db.session.rollback()
            yield f"Part of the demo history skipped: {refused}"


def _reviews(accounts: dict[str, User], attempts: dict[str, list[Attempt]]) -> Iterator[str]:
    """Maya corrects a grade of Tom's half-answered exam, which Tom then disputes elsewhere;
    Omar reviews Ravi's rude exam without changing its grade."""
    corrected = attempts[TOM][4]
    first = corrected.replies[0]
    save_review(corrected, accounts[MAYA], ReviewInput(
        attempt_version=0,
        comment="Good instinct to answer at once; now say the next step too.",
        turns=[TurnInput(
            first.id, 0, scores={"completeness": min(100, first.completeness + 25)},
            comment="The customer's question is answered, in other words than the model's.",
        )],
    ), now=_at(10))
    open_dispute(
        corrected.replies[-1], accounts[TOM],
        "I did explain how to publish the change, just more briefly than the model answer.",
        now=_at(9),
    )
    rude_exam = attempts[RAVI][1]
    save_review(rude_exam, accounts[OMAR], ReviewInput(
        attempt_version=0,
        comment="Never argue with an upset customer: acknowledge first, then fix.",
        turns=[],
    ), now=_at(7))
    yield "Maya corrected a grade of Tom's exam and Tom disputed another; Omar reviewed Ravi's."


def _sign_off(accounts: dict[str, User], attempts: dict[str, list[Attempt]]) -> Iterator[str]:
    awards = sign_off(
        accounts[LENA], accounts[MAYA], "senior-l3",
        "Calm, complete and quick in every exam, with every kind of customer.",
    )
    yield f"Maya signed off Lena: {', '.join(award.rank_name for award in awards)}."


def _calibration(accounts: dict[str, User], attempts: dict[str, list[Attempt]]) -> Iterator[str]:
    """Both mentors grade Tom's rude practice blind; Omar has submitted, Maya has not yet."""
    transcript = attempts[TOM][0]
    session = create_session(
        accounts[ADMIN], transcript.id, [accounts[MAYA].id, accounts[OMAR].id],
        "Demo: a rude first reply",
    )
    grades = {
        reply.id: GradeInput(scores={
            "politeness": max(0, reply.politeness - 10), "correctness": reply.correctness,
            "completeness": reply.completeness,
        })
        for reply in transcript.replies
    }
    submit_grades(member_of(session, accounts[OMAR]), grades)
    yield "A calibration session waits for Maya's grades."

