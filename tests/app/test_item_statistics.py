"""Item statistics from attempts played and reviewed through the services: counting on finish,
a review replacing what was counted, the recount, the version filter, the page and its JSON."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.exc import OperationalError

from scoring.format import load_library
from tests.helpers import (
    SLUG,
    add_history,
    counting_queries,
    finished_attempt,
    signed_in,
    start_practice,
    text_of,
)
from trainer.access import may_see_item_statistics
from trainer.auth.models import Role, User
from trainer.database import db
from trainer.library.importer import import_library
from trainer.library.item_statistics import scenario_statistics, stored_versions_or_404
from trainer.library.item_statistics.counting import count_attempt
from trainer.library.item_statistics.models import CountedAttempt, ItemTally, StepTally
from trainer.practice.models import Attempt
from trainer.practice.services import submit_reply
from trainer.review.services import ReviewInput, TurnInput, save_review

PAGE = f"/scenarios/{SLUG}/statistics"
JSON = {"Accept": "application/json"}
SAMPLE = Path(__file__).resolve().parents[2] / "scenarios" / "web-hosting" / f"{SLUG}.yaml"


def statistics(app, version: int | None = None):
    with app.app_context():
        versions = stored_versions_or_404(SLUG)
        return scenario_statistics(SLUG, versions, version)


def step(figures, step_id: str):
    return next(found for found in figures.steps if found.step_id == step_id)


def replies_of(app, attempt_id: int) -> list[tuple[str, int, int]]:
    with app.app_context():
        attempt = db.session.get(Attempt, attempt_id)
        return [(reply.step_id, reply.overall, reply.violation_count) for reply in attempt.replies]


@pytest.fixture
def rude(app, users, library) -> int:
    """A finished attempt whose first reply argues with the customer."""
    return finished_attempt(app, users[Role.TRAINEE])


def review_first_reply(app, users, attempt_id: int) -> None:
    """The mentor raises every score of the first reply to 95 and clears its `argue`."""
    with app.app_context():
        attempt = db.session.get(Attempt, attempt_id)
        mentor = db.session.get(User, users[Role.MENTOR].id)
        first = attempt.replies[0]
        turns = [TurnInput(first.id, 0, scores=dict.fromkeys(
            ("politeness", "correctness", "completeness"), 95),
            outcomes={"points": {}, "facts": {}, "never": {"argue": False}},
            comment="Firm, not rude.")]
        save_review(attempt, mentor, ReviewInput(0, "", turns))


def test_a_finished_attempt_is_counted_with_its_grades(app, users, rude):
    played = replies_of(app, rude)
    unfinished = start_practice(app, users[Role.TRAINEE], SLUG)
    with app.app_context():
        attempt = db.session.get(Attempt, unfinished.id)
        submit_reply(attempt, attempt.current_step, "Thank you for reaching out.")
    figures = statistics(app)
    assert (figures.attempts, figures.replies) == (1, len(played))
    first_step, first_overall, _ = played[0]
    opening = step(figures, first_step)
    assert (opening.reached, opening.passed, opening.means["overall"]) == (1, 0, first_overall)
    assert [(s.item_id, s.outcome, s.share) for s in opening.violations][:1] == [
        ("argue", "committed", 1.0)]
    assert opening.corrections.reviewed == 0
    assert {found.step_id for found in figures.steps if found.reached} == {
        step_id for step_id, _, _ in played}


def test_a_mentors_review_replaces_what_the_attempt_counted(app, users, rude):
    first_step, machine_overall, _ = replies_of(app, rude)[0]
    review_first_reply(app, users, rude)
    figures = statistics(app)
    opening = step(figures, first_step)
    assert (figures.attempts, opening.reached, opening.passed) == (1, 1, 1)
    assert opening.means["politeness"] == 95
    assert "argue" not in [share.item_id for share in opening.violations]
    fixes = opening.corrections
    assert (fixes.reviewed, fixes.corrected, fixes.up, fixes.down) == (1, 1, 1, 0)
    assert fixes.mean_change == opening.means["overall"] - machine_overall > 0
    others = [found for found in figures.steps if found.reached and found.step_id != first_step]
    assert all(found.corrections == type(fixes)(reviewed=1) for found in others)


def tallies(app) -> tuple[list, list, list]:
    with app.app_context():
        steps = [tuple(round(value, 6) if isinstance(value, float) else value
                       for value in row) for row in db.session.execute(
                 select(StepTally.__table__).order_by(StepTally.step_id)).all()]
        items = db.session.execute(select(ItemTally.__table__).where(ItemTally.replies != 0)
                                   .order_by(*ItemTally.__table__.primary_key)).all()
        attempts = db.session.execute(select(CountedAttempt.attempt_id)
                                      .order_by(CountedAttempt.attempt_id)).scalars().all()
        return steps, items, attempts


def test_recount_rebuilds_the_tallies_the_signal_kept(app, users, rude, runner):
    review_first_reply(app, users, rude)
    second = finished_attempt(app, users[Role.TRAINEE], first_reply=None)
    kept = tallies(app)
    assert kept[2] == [rude, second]
    result = runner.invoke(args=["scenarios", "recount"])
    assert result.exit_code == 0 and result.output == "Counted 2 finished attempts.\n"
    assert tallies(app) == kept


def test_candidates_and_unfinished_attempts_are_not_counted(app, users, library):
    [attempt_id] = add_history(app, users[Role.TRAINEE], [{"slug": SLUG, "replies": 3}])
    with app.app_context():
        attempt = db.session.get(Attempt, attempt_id)
        attempt.user_id = None  # as a hiring candidate's
        count_attempt(attempt)
        attempt.user_id, attempt.finished_at = users[Role.TRAINEE].id, None
        count_attempt(attempt)
        db.session.commit()
    assert statistics(app).attempts == 0


def bump_version(app, tmp_path) -> None:
    folder = tmp_path / "next"
    folder.mkdir()
    text = SAMPLE.read_text()
    current = int(text.split("version: ", 1)[1].split("\n", 1)[0])
    (folder / SAMPLE.name).write_text(
        text.replace(f"version: {current}\n", f"version: {current + 1}\n", 1))
    with app.app_context():
        import_library(load_library(folder))


def test_the_version_filter_counts_one_version_only(app, users, rude, tmp_path):
    old = statistics(app).versions[-1]
    bump_version(app, tmp_path)
    finished_attempt(app, users[Role.TRAINEE], first_reply=None)
    everything = statistics(app)
    assert everything.versions == (old, old + 1) and everything.attempts == 2
    assert statistics(app, old).attempts == statistics(app, old + 1).attempts == 1
    mentor = signed_in(app, users[Role.MENTOR])
    answer = mentor.get(f"{PAGE}?version={old + 1}", headers=JSON).get_json()
    assert (answer["error"], answer["version"], answer["attempts"]) == (None, old + 1, 1)
    assert answer["replies"] == sum(found["reached"] for found in answer["steps"])


def test_the_page_shows_each_step_and_its_figures(app, users, rude):
    first_step, overall, _ = replies_of(app, rude)[0]
    page = text_of(signed_in(app, users[Role.MENTOR]).get(PAGE))
    assert "Item statistics: The shop is down" in page
    assert f"{first_step} your hosting is a JOKE." in page
    assert f"1 {overall:.1f}" in page  # attempts and mean overall of the first step
    assert "0 % (0 of 1)" in page and "none reviewed" in page and "too few (1)" in page
    assert "Argues with the customer or polices their tone (committed: 100 %, 1)" in page
    assert "No step is flagged. A step is flagged when nearly everyone" in page


def test_an_unknown_version_says_so_and_shows_every_version(app, users, rude):
    mentor = signed_in(app, users[Role.ADMIN])
    response = mentor.get(f"{PAGE}?version=99")
    assert response.status_code == 200
    assert "This scenario has no version 99: the figures cover every version." in text_of(
        response)
    answer = mentor.get(f"{PAGE}?version=abc", headers=JSON).get_json()
    assert answer["error"].startswith("This scenario has no version abc")
    assert answer["version"] is None and answer["attempts"] == 1


def test_a_scenario_nobody_played_says_so(app, users, library):
    page = text_of(signed_in(app, users[Role.MENTOR]).get(PAGE))
    assert "No trainee has replied to this scenario yet" in page
    assert signed_in(app, users[Role.MENTOR]).get("/scenarios/no-such/statistics").status_code \
        == 404


@pytest.mark.parametrize("who", list(Role))
def test_only_mentors_and_admins_see_the_statistics_and_the_link(app, users, library, who):
    client = signed_in(app, users[who])
    allowed = who in (Role.MENTOR, Role.ADMIN)
    with app.app_context():
        assert may_see_item_statistics(db.session.get(User, users[who].id)) is allowed
    assert client.get(PAGE, headers=JSON).status_code == (200 if allowed else 403)
    assert ("Item statistics" in text_of(client.get(f"/scenarios/{SLUG}"))) is allowed


def test_a_script_without_a_session_gets_401(client, library):
    assert client.get(PAGE, headers=JSON).status_code == 401


def test_the_page_runs_the_same_statements_however_many_attempts(app, users, rude):
    mentor = signed_in(app, users[Role.MENTOR])
    mentor.get(PAGE)  # parses the scenario once
    with counting_queries(app) as few:
        mentor.get(PAGE)
    for _ in range(2):
        finished_attempt(app, users[Role.TRAINEE], first_reply=None)
    with counting_queries(app) as more:
        mentor.get(PAGE)
    assert len(few) == len(more) <= 5


def test_a_flagged_step_is_listed_with_its_reason_and_marked_in_the_table(app, users, library,
                                                                          runner):
    add_history(app, users[Role.TRAINEE], [{"slug": SLUG, "replies": 2}] * 10)
    assert runner.invoke(args=["scenarios", "recount"]).output == "Counted 10 finished attempts.\n"
    response = signed_in(app, users[Role.MENTOR]).get(PAGE)
    page = text_of(response)
    assert ("Steps to look at step-0 Almost everyone passes (100 % of 10): the step tells "
            "trainees apart little") in page
    assert 'href="#flag-step-0">flagged</a>' in response.get_data(as_text=True)
    assert "No step is flagged" not in page


def test_a_failed_count_is_logged_and_the_attempt_still_finishes(app, users, library,
                                                                 monkeypatch, caplog):
    def fail(attempt):
        raise OperationalError("INSERT", {}, Exception("database is locked"))

    monkeypatch.setattr("trainer.library.item_statistics.counting.count_attempt", fail)
    attempt_id = finished_attempt(app, users[Role.TRAINEE], first_reply=None)
    with app.app_context():
        assert db.session.get(Attempt, attempt_id).finished
    assert (f"item statistics of attempt {attempt_id} not counted; run `flask --app trainer "
            "scenarios recount`") in caplog.text
    assert statistics(app).attempts == 0
