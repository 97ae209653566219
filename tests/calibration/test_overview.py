"""The reviewed turns kept in step with reviews, and the calibration page's figures."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError

from tests.calibration.helpers import FIRM_NOT_RUDE, review
from tests.helpers import SLUG, counting_queries, finished_attempt, signed_in
from trainer.auth.models import Role, User
from trainer.calibration import reviewed as reviewed_module
from trainer.calibration.agreement import ItemAgreement
from trainer.calibration.models import ReviewedItem, ReviewedTurn
from trainer.calibration.reviewed import COUNTED, rebuild
from trainer.calibration.services import overview
from trainer.database import db
from trainer.practice.models import Attempt

PAGE = "/calibration"


def turn_rows(app) -> list[tuple]:
    with app.app_context():
        turns = db.session.execute(select(ReviewedTurn).order_by(ReviewedTurn.reply_id)).scalars()
        items = db.session.execute(
            select(ReviewedItem).order_by(ReviewedItem.reply_id, ReviewedItem.kind,
                                          ReviewedItem.item_id)).scalars()
        return [
            (t.reply_id, t.position, t.step_id, t.machine_politeness, t.effective_politeness,
             t.machine_correctness, t.effective_correctness, t.items_changed, t.reviewed_at)
            for t in turns
        ] + [(i.reply_id, i.kind, i.item_id, i.machine, i.effective) for i in items]


def machine_politeness(app, attempt_id: int) -> list[int]:
    with app.app_context():
        return [reply.politeness for reply in db.session.get(Attempt, attempt_id).replies]


def test_every_reply_of_a_reviewed_attempt_is_a_reviewed_turn(app, reviewed_attempt):
    rows = turn_rows(app)
    turns = [row for row in rows if len(row) == 9]
    _, second, third = machine_politeness(app, reviewed_attempt)
    assert [(t[1], t[3], t[4], t[5], t[6], t[7]) for t in turns] == [
        (1, 0, 30, 0, 0, 2),  # politeness corrected; points "apologise" and never "argue" changed
        (2, second, second, 100, 100, 0),  # agreed with
        (3, third, third, 100, 100, 0),
    ]
    assert {t[8] for t in turns} == {datetime(2026, 3, 2, 10)}
    argue = next(row for row in rows if row[1:3] == ("never", "argue"))
    assert argue[3:] == (True, False)


def test_a_new_save_rewrites_the_attempts_rows(app, users, reviewed_attempt):
    review(app, reviewed_attempt, users[Role.MENTOR], {1: {}, 2: {
        "scores": {"politeness": 50}, "comment": "Too stiff."}})
    turns = [row for row in turn_rows(app) if len(row) == 9]
    third = machine_politeness(app, reviewed_attempt)[2]
    assert [(t[4], t[7]) for t in turns] == [(0, 0), (50, 0), (third, 0)]


def counts(app) -> dict[str, list[tuple]]:
    """The non-zero rows of the counts tables."""
    with app.app_context():
        return {
            table.__tablename__: sorted(
                tuple(getattr(row, column.key) for column in table.__table__.columns)
                for row in db.session.execute(select(table)).scalars()
                if any(getattr(row, name) for name in COUNTED[table])
            )
            for table in COUNTED
        }


def test_counts_follow_every_save_as_a_rebuild_would(app, users, reviewed_attempt):
    other = finished_attempt(app, users[Role.TRAINEE])
    review(app, other, users[Role.MENTOR], {2: {"scores": {"completeness": 40},
                                                "comment": "Missed the point."}})
    # Saved again: the first correction is taken back, another one made.
    review(app, reviewed_attempt, users[Role.MENTOR], {1: {}, 3: {
        "outcomes": {"never": {"promise-money": True}}, "comment": "Promised money."}})
    incremental = counts(app)
    with app.app_context():
        rebuild()
    assert counts(app) == incremental
    steps = {row[1]: row[2:] for row in incremental["calibration_step_counts"]}
    assert steps == {"opening": (2, 0, 0), "manager-demand": (2, 1, 60),
                     "lost-sales": (2, 1, 0)}


def test_rebuild_writes_the_same_rows(app, reviewed_attempt):
    before = turn_rows(app)
    with app.app_context():
        db.session.execute(ReviewedItem.__table__.delete())
        db.session.execute(ReviewedTurn.__table__.delete())
        db.session.commit()
        assert rebuild() == 3
    assert turn_rows(app) == before


def test_a_failed_refresh_keeps_the_review_and_is_logged(app, users, library, monkeypatch,
                                                          caplog):
    def broken(attempt):
        raise SQLAlchemyError("disk full")

    monkeypatch.setattr(reviewed_module, "refresh_attempt", broken)
    # The migration tests' logging.config.fileConfig disables the loggers that exist by then.
    monkeypatch.setattr(app.logger, "disabled", False)
    attempt_id = finished_attempt(app, users[Role.TRAINEE])
    review(app, attempt_id, users[Role.MENTOR], {1: FIRM_NOT_RUDE})
    assert turn_rows(app) == []
    assert "scoring rebuild" in caplog.text
    with app.app_context():
        assert rebuild() == 3


def test_figures_of_one_reviewed_attempt(app, users, library, reviewed_attempt):
    with app.app_context():
        data = overview(db.session.get(User, users[Role.MENTOR].id))
    assert (data.turns, data.corrected) == (3, 1)
    # Politeness bands (0,1) (4,4) (4,4): observed 1; rows r0=1 r4=2, columns c1=1 c4=2:
    # expected (1*1*1 + 16*1*2 + 9*2*1) / 3 = 17, kappa 16/17. Differences 30, 0, 0.
    politeness = data.dimensions["politeness"]
    assert politeness.pairs == 3
    assert politeness.kappa == pytest.approx(16 / 17)
    assert politeness.mean_difference == pytest.approx(10)
    assert data.dimensions["correctness"].kappa == pytest.approx(1)
    assert [(p.label, p.turns) for p in data.series] == [("2026-03", 3)]
    assert data.series[0].politeness == pytest.approx(16 / 17)
    # Points: 6 covered by both, "apologise" missed by the machine only, 2 missed by both.
    assert data.kinds["points"] == ItemAgreement(6, 0, 1, 2)
    assert data.kinds["points"].recall == pytest.approx(6 / 7)
    # Never: "argue" violated for the machine only; every other item of the three steps
    # clear for both.
    steps = [row[2] for row in turn_rows(app) if len(row) == 9]
    assert steps == ["opening", "manager-demand", "lost-sales"]
    never_items = sum(len(library.scenarios[SLUG].step(step).expect.never) for step in steps)
    assert data.kinds["never"] == ItemAgreement(0, 1, 0, never_items - 1)
    assert data.kinds["facts"] == ItemAgreement(2, 0, 0, 1)
    first = data.items[0]
    assert first.agreement.disagreements == 1 and first.step_id == "opening"
    [step] = data.steps
    assert (step.step_id, step.turns, step.corrected, step.mean_difference) == (
        "opening", 1, 1, 30)
    [turn] = step.worst
    assert (turn.attempt_id, turn.position, turn.difference, turn.items_changed) == (
        reviewed_attempt, 1, 30, 2)


def test_the_page_links_turns_for_their_mentor_and_admins_only(app, users, reviewed_attempt):
    link = f'/review/attempts/{reviewed_attempt}#turn-1"'
    for role, linked in [(Role.MENTOR, True), (Role.ADMIN, True), (Role.MANAGER, False)]:
        html = signed_in(app, users[role]).get(PAGE).get_data(as_text=True)
        assert "Reply 1 of attempt" in html and "0.94" in html and "chart-drawing" in html
        assert (link in html) is linked, role
    assert ("export.jsonl" in html) is True  # the manager's page offers the download


def test_a_mentor_of_other_trainees_sees_the_figures_without_links(app, make_user,
                                                                   reviewed_attempt):
    html = signed_in(app, make_user(Role.MENTOR)).get(PAGE).get_data(as_text=True)
    assert "Reply 1 of attempt" in html and "/review/attempts/" not in html
    assert "export.jsonl" not in html


def test_an_empty_history_says_so(app, users):
    html = signed_in(app, users[Role.ADMIN]).get(PAGE).get_data(as_text=True)
    assert "No attempt has been reviewed yet" in html


def count_queries(app, client) -> int:
    with counting_queries(app) as statements:
        assert client.get(PAGE).status_code == 200
    return len(statements)


def test_the_query_count_does_not_grow_with_history(app, users, reviewed_attempt):
    client = signed_in(app, users[Role.ADMIN])
    small = count_queries(app, client)
    for month in (4, 5, 6):
        attempt_id = finished_attempt(app, users[Role.TRAINEE])
        review(app, attempt_id, users[Role.MENTOR], {1: FIRM_NOT_RUDE, 2: {
            "scores": {"completeness": 40}, "comment": "Missed the point."}},
            now=datetime(2026, month, 1))
    assert count_queries(app, client) == small


def test_trainees_are_refused_and_visitors_sent_to_sign_in(app, users):
    assert signed_in(app, users[Role.TRAINEE]).get(PAGE).status_code == 403
    response = app.test_client().get(PAGE)
    assert response.status_code == 302 and response.headers["Location"].startswith("/login")


@pytest.mark.parametrize("role", [Role.MENTOR, Role.MANAGER, Role.ADMIN])
def test_calibration_is_in_the_navigation(app, users, role):
    html = signed_in(app, users[role]).get("/home").get_data(as_text=True)
    assert 'href="/calibration"' in html
