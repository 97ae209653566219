"""Mentor review: who may review, corrections with comments, the audit, the frozen machine grade,
optimistic locking between two reviewers, and what the trainee sees."""

from __future__ import annotations

import re

import pytest

from scoring.card import SCORER_VERSION
from tests.helpers import finished_attempt, form_values, reply_ids, signed_in, start_practice
from trainer.auth.models import Role
from trainer.database import db
from trainer.practice.models import Reply
from trainer.review.models import AttemptReview, ReviewAuditEntry, TurnReview

PAGE = "/review/attempts/{}"


@pytest.fixture
def attempt_id(app, users, library) -> int:
    return finished_attempt(app, users[Role.TRAINEE])


@pytest.fixture
def mentor(app, users):
    return signed_in(app, users[Role.MENTOR])


def review_form(client, attempt_id: int) -> dict[str, str]:
    response = client.get(PAGE.format(attempt_id))
    assert response.status_code == 200
    return form_values(response.get_data(as_text=True))


def audit(app, attempt_id: int) -> list[ReviewAuditEntry]:
    with app.app_context():
        return list(
            db.session.execute(
                db.select(ReviewAuditEntry)
                .where(ReviewAuditEntry.attempt_id == attempt_id)
                .order_by(ReviewAuditEntry.id)
            ).scalars()
        )


def test_the_trainees_mentor_sees_the_transcript_with_the_machine_grade(mentor, attempt_id):
    html = mentor.get(PAGE.format(attempt_id)).get_data(as_text=True)
    assert 'class="scores"' in html and "hl-cost" in html and "(machine " in html
    assert 'accesskey="s"' in html and "Keyboard:" in html
    assert f"frozen as graded by scorer {SCORER_VERSION} on scenario version" in html


@pytest.mark.parametrize("who", ["other mentor", Role.TRAINEE, Role.MANAGER])
def test_everyone_else_gets_404(app, users, make_user, attempt_id, who):
    account = make_user(Role.MENTOR) if who == "other mentor" else users[who]
    client = signed_in(app, account)
    assert client.get(PAGE.format(attempt_id)).status_code == 404


def test_admins_may_read_but_not_save(app, users, attempt_id):
    admin = signed_in(app, users[Role.ADMIN])
    page = admin.get(PAGE.format(attempt_id))
    assert page.status_code == 200 and 'accesskey="s"' not in page.get_data(as_text=True)
    values = form_values(page.get_data(as_text=True))
    assert admin.post(PAGE.format(attempt_id), data=values).status_code == 404


def test_anonymous_visitors_are_sent_to_sign_in(client, attempt_id):
    response = client.get(PAGE.format(attempt_id))
    assert response.status_code == 302 and response.headers["Location"].startswith("/login")


def test_an_unfinished_attempt_waits_for_its_end(app, users, library, mentor):
    unfinished = start_practice(app, users[Role.TRAINEE], "hosting-shop-outage").id
    response = mentor.get(PAGE.format(unfinished))
    assert response.headers["Location"].endswith(f"/practice/attempts/{unfinished}/transcript")


def test_a_correction_without_a_comment_is_refused_and_the_input_kept(app, mentor, attempt_id):
    first = reply_ids(app, attempt_id)[0]
    values = review_form(mentor, attempt_id) | {f"r{first}-politeness": "77"}
    response = mentor.post(PAGE.format(attempt_id), data=values)
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "a comment is required" in html
    assert form_values(html)[f"r{first}-politeness"] == "77"
    with app.app_context():
        assert db.session.execute(db.select(TurnReview)).first() is None
        assert db.session.execute(db.select(AttemptReview)).first() is None
    assert audit(app, attempt_id) == []


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("politeness", "101", "whole number from 0 to 100"),
        ("politeness", "many", "whole number from 0 to 100"),
        ("comment", "ok", "3 to 500 characters"),
        ("comment", "x" * 501, "3 to 500 characters"),
    ],
)
def test_invalid_values_are_explained(app, mentor, attempt_id, field, value, message):
    first = reply_ids(app, attempt_id)[0]
    values = review_form(mentor, attempt_id) | {f"r{first}-{field}": value}
    response = mentor.post(PAGE.format(attempt_id), data=values)
    assert response.status_code == 422 and message in response.get_data(as_text=True)


def test_a_correction_is_saved_audited_and_leaves_the_machine_grade(app, mentor, attempt_id):
    first = reply_ids(app, attempt_id)[0]
    with app.app_context():
        machine = db.session.get(Reply, first)
        before = (machine.politeness, machine.overall, machine.violation_count, machine.card)
        never = next(item for item in machine.card["never"] if item["violated"])["id"]
    values = review_form(mentor, attempt_id) | {
        f"r{first}-politeness": "30",
        f"r{first}-never-{never}": "clear",
        f"r{first}-comment": "Blunt, but not a real promise of refund.",
        "comment": "Read the status page before you answer.",
    }
    response = mentor.post(PAGE.format(attempt_id), data=values)
    assert response.status_code == 302
    with app.app_context():
        reply = db.session.get(Reply, first)
        assert (reply.politeness, reply.overall, reply.violation_count, reply.card) == before
        review = db.session.execute(db.select(TurnReview)).scalar_one()
        assert review.politeness == 30 and review.correctness is None
        assert review.outcomes == {"points": {}, "facts": {}, "never": {never: False}}
        assert review.version == 1
    entries = audit(app, attempt_id)
    assert [entry.action for entry in entries] == ["turn_review.created", "attempt_review.created"]
    assert entries[0].before is None and entries[0].after["politeness"] == 30
    assert entries[0].reply_id == first and entries[1].after == {"comment": values["comment"]}

    again = review_form(mentor, attempt_id) | {f"r{first}-politeness": "35"}
    assert mentor.post(PAGE.format(attempt_id), data=again).status_code == 302
    update = audit(app, attempt_id)[-1]
    assert update.action == "turn_review.updated"
    assert (update.before["politeness"], update.after["politeness"]) == (30, 35)
    assert len(audit(app, attempt_id)) == 3  # the unchanged overall comment wrote nothing


def test_saving_with_no_correction_marks_the_attempt_reviewed(app, mentor, attempt_id):
    values = review_form(mentor, attempt_id)
    assert mentor.post(PAGE.format(attempt_id), data=values).status_code == 302
    with app.app_context():
        assert db.session.execute(db.select(TurnReview)).first() is None
        assert db.session.execute(db.select(AttemptReview)).scalar_one().comment == ""
    assert [entry.action for entry in audit(app, attempt_id)] == ["attempt_review.created"]


def test_a_stale_form_is_refused_and_shows_both_versions(app, users, mentor, attempt_id):
    first = reply_ids(app, attempt_id)[0]
    other_tab = signed_in(app, users[Role.MENTOR])
    mine = review_form(mentor, attempt_id)
    theirs = review_form(other_tab, attempt_id)
    theirs |= {f"r{first}-politeness": "55", f"r{first}-comment": "Their view of it."}
    assert other_tab.post(PAGE.format(attempt_id), data=theirs).status_code == 302

    mine |= {f"r{first}-politeness": "90", f"r{first}-comment": "My own view of it."}
    mine["comment"] = "My overall words."
    response = mentor.post(PAGE.format(attempt_id), data=mine)
    html = response.get_data(as_text=True)
    assert response.status_code == 409
    assert "Someone else saved this review" in html and "Their view of it." in html
    assert "Politeness: 0 → 55" in html  # their correction, in words, beside my fields
    kept = form_values(html)
    assert kept[f"r{first}-politeness"] == "90"
    assert kept[f"r{first}-comment"] == "My own view of it." and kept["comment"] == mine["comment"]
    with app.app_context():
        assert db.session.execute(db.select(TurnReview)).scalar_one().politeness == 55

    # The refused page carries the current versions: saving it again replaces theirs on purpose.
    assert mentor.post(PAGE.format(attempt_id), data=kept).status_code == 302
    with app.app_context():
        review = db.session.execute(db.select(TurnReview)).scalar_one()
        assert (review.politeness, review.version) == (90, 2)


def test_the_trainee_sees_the_corrections_beside_the_machine_grade(app, users, mentor, attempt_id):
    first = reply_ids(app, attempt_id)[0]
    values = review_form(mentor, attempt_id) | {
        f"r{first}-politeness": "45",
        f"r{first}-comment": "Too blunt for a customer who lost sales.",
        "comment": "Good recovery after the first reply.",
    }
    assert mentor.post(PAGE.format(attempt_id), data=values).status_code == 302
    trainee = signed_in(app, users[Role.TRAINEE])
    html = trainee.get(f"/practice/attempts/{attempt_id}/transcript").get_data(as_text=True)
    assert "Effective grade" in html and "corrected by your mentor" in html
    assert "Too blunt for a customer who lost sales." in html
    assert "Good recovery after the first reply." in html and "Politeness: " in html
    assert f'href="/review/attempts/{attempt_id}"' not in html  # the link is the mentor's


def test_the_mentors_transcript_links_to_the_review(mentor, attempt_id):
    html = mentor.get(f"/practice/attempts/{attempt_id}/transcript").get_data(as_text=True)
    assert f'href="/review/attempts/{attempt_id}"' in html


def test_audit_entries_cannot_be_changed(app, mentor, attempt_id):
    assert (
        mentor.post(PAGE.format(attempt_id), data=review_form(mentor, attempt_id)).status_code
        == 302
    )
    with app.app_context():
        entry = db.session.execute(db.select(ReviewAuditEntry)).scalar_one()
        entry.action = "forged"
        with pytest.raises(RuntimeError, match="append-only"):
            db.session.commit()
        db.session.rollback()


def test_saving_goes_on_to_the_next_review_waiting_in_the_queue(app, users, mentor, attempt_id):
    newer = finished_attempt(app, users[Role.TRAINEE], first_reply=None)
    response = mentor.post(PAGE.format(newer), data=review_form(mentor, newer))
    assert response.headers["Location"] == PAGE.format(attempt_id)
    page = mentor.get(response.headers["Location"]).get_data(as_text=True)
    assert re.search(r"Review saved \(\d+ changes?\)\. Next in your queue: [^<]+, Trainee\.", page)
    last = mentor.post(PAGE.format(attempt_id), data=review_form(mentor, attempt_id))
    assert last.headers["Location"] == PAGE.format(attempt_id)  # nothing else waits
    assert "Nothing else waits in your review queue." in mentor.get(
        last.headers["Location"]).get_data(as_text=True)


def test_the_score_fields_say_their_range(mentor, attempt_id):
    page = mentor.get(PAGE.format(attempt_id)).get_data(as_text=True)
    field = re.search(r'<input type="number"[^>]*aria-describedby="([^"]+)"', page)
    assert field and re.search(rf'id="{field.group(1)}">0 to 100; blank keeps \d+<', page)
