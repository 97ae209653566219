"""A mentor's correction reaches every page that shows the grade: the corrected grade is the one
shown and counted, marked as corrected, with the machine's grade one click away."""

from __future__ import annotations

import json
import re

import pytest

from tests.helpers import finished_attempt, form_values, reply_ids, signed_in, text_of
from trainer.auth.models import Role
from trainer.database import db
from trainer.practice.models import Attempt, Reply
from trainer.review.models import ReviewedAttemptGrade

CORRECTED = "corrected"


@pytest.fixture
def corrected(app, users, library) -> tuple[int, int, int]:
    """A trainee's exam whose rude first reply the mentor forgave: (attempt, machine overall,
    corrected overall)."""
    attempt_id = finished_attempt(app, users[Role.TRAINEE], mode="exam")
    first = reply_ids(app, attempt_id)[0]
    with app.app_context():
        attempt = db.session.get(Attempt, attempt_id)
        machine = attempt.overall
        assert attempt.violation_count > 0 and not attempt.passed
        violated = [n["id"] for n in db.session.get(Reply, first).card["never"] if n["violated"]]
    mentor = signed_in(app, users[Role.MENTOR])
    page = f"/review/attempts/{attempt_id}"
    values = form_values(mentor.get(page).get_data(as_text=True)) | {
        f"r{first}-politeness": "95", f"r{first}-correctness": "95",
        f"r{first}-completeness": "95", f"r{first}-comment": "Blunt, but it was the right call.",
        **{f"r{first}-never-{item}": "clear" for item in violated},
    }
    assert mentor.post(page, data=values).status_code == 302
    with app.app_context():
        effective = db.session.get(ReviewedAttemptGrade, attempt_id)
        assert effective.overall > machine and effective.violation_count == 0
        return attempt_id, machine, effective.overall


def row_of(html: str, attempt_id: int) -> str:
    """The table row that links to the attempt."""
    match = re.search(rf"<tr>(?:(?!</tr>).)*attempts/{attempt_id}[/\"](?:(?!</tr>).)*</tr>", html,
                      re.S)
    assert match, f"no row for attempt {attempt_id}"
    return match.group(0)


def test_history_shows_the_corrected_grade_with_the_machines_a_click_away(app, users,
                                                                          corrected):
    attempt_id, machine, effective = corrected
    trainee = users[Role.TRAINEE]
    pages = [
        (signed_in(app, trainee), "/practice/history"),
        (signed_in(app, users[Role.MENTOR]), f"/practice/team/{trainee.id}/history"),
    ]
    for client, path in pages:
        row = row_of(client.get(path).get_data(as_text=True), attempt_id)
        assert f"<td>{effective}</td>" in row and f"<td>{machine}</td>" not in row
        assert "<summary>corrected</summary>" in row and f"overall {machine}," in row


def test_the_review_queue_judges_the_corrected_grade(app, users, corrected):
    attempt_id, machine, effective = corrected
    mentor = signed_in(app, users[Role.MENTOR])
    row = row_of(mentor.get("/review").get_data(as_text=True), attempt_id)
    assert f"<td>{effective}" in row and CORRECTED in row and "<td>0</td>" in row
    # The mentor cleared every violation: the violations filter no longer lists it.
    assert f"/review/attempts/{attempt_id}" not in mentor.get(
        "/review?show=violations").get_data(as_text=True)


def test_progress_counts_and_says_the_correction(app, users, corrected):
    trainee = users[Role.TRAINEE]
    for client, path in [(signed_in(app, trainee), "/progress"),
                         (signed_in(app, users[Role.MENTOR]), f"/trainees/{trainee.id}/progress")]:
        page = text_of(client.get(path))
        assert "Scores include a mentor's correction on 1 attempt" in page
        assert "1 of them exam that count for a rank" in page


def test_the_jsonl_export_says_which_grade_each_figure_is(app, users, corrected):
    attempt_id, machine, effective = corrected
    manager = signed_in(app, users[Role.MANAGER])
    lines = manager.get("/calibration/export.jsonl").get_data(as_text=True).splitlines()
    labels = [json.loads(line)["labels"] for line in lines]
    first = next(label for label in labels if label["corrected"])
    assert first["grade"] == "mentor" and first["machine"]["violations"]
    assert first["violations"] == [] and first["politeness"] == 95
    assert first["machine"]["politeness"] != 95
    others = [label for label in labels if not label["corrected"]]
    assert others and all(label["grade"] == "machine" for label in others)
    assert all(label["machine"]["overall"] == label["overall"] for label in others)


def test_a_correction_of_a_reply_that_is_gone_or_not_ones_own_changes_nothing(app, users,
                                                                             make_user, corrected):
    attempt_id, _, effective = corrected
    stranger = make_user(Role.MENTOR)
    other = signed_in(app, stranger)
    page = f"/review/attempts/{attempt_id}"
    assert other.get(page).status_code == 404
    mentor = signed_in(app, users[Role.MENTOR])
    values = form_values(mentor.get(page).get_data(as_text=True))
    assert other.post(page, data=values).status_code in (400, 404)
    assert mentor.post("/review/attempts/999999", data=values).status_code == 404
    trainee = signed_in(app, users[Role.TRAINEE])
    assert trainee.get("/review/replies/999999/dispute").status_code == 404
    assert signed_in(app, make_user(Role.TRAINEE)).get(
        f"/review/replies/{reply_ids(app, attempt_id)[0]}/dispute").status_code == 404
    with app.app_context():
        assert db.session.get(ReviewedAttemptGrade, attempt_id).overall == effective
