"""Trainee disputes: once per reply, only on one's own finished attempt, into the mentor's queue,
resolved with the review (upheld or changed, with an answer the trainee reads), all audited."""

from __future__ import annotations

import pytest

from tests.helpers import finished_attempt, form_values, reply_ids, signed_in, start_practice
from trainer.auth.models import Role
from trainer.database import db
from trainer.review.models import DisputeStatus, ReviewAuditEntry, TurnDispute

REVIEW = "/review/attempts/{}"
DISPUTE = "/review/replies/{}/dispute"
TRANSCRIPT = "/practice/attempts/{}/transcript"
REASON = "I did apologise in my second sentence, so the politeness grade is too low."


@pytest.fixture
def attempt_id(app, users, library) -> int:
    return finished_attempt(app, users[Role.TRAINEE])


@pytest.fixture
def trainee(app, users):
    return signed_in(app, users[Role.TRAINEE])


@pytest.fixture
def mentor(app, users):
    return signed_in(app, users[Role.MENTOR])


def send_dispute(client, reply_id: int, reason: str = REASON):
    page = client.get(DISPUTE.format(reply_id))
    assert page.status_code == 200
    values = form_values(page.get_data(as_text=True)) | {"reason": reason}
    return client.post(DISPUTE.format(reply_id), data=values)


def disputes(app) -> list[TurnDispute]:
    with app.app_context():
        return list(db.session.execute(db.select(TurnDispute)).scalars())


def actions(app, attempt_id: int) -> list[str]:
    with app.app_context():
        return list(
            db.session.execute(
                db.select(ReviewAuditEntry.action)
                .where(ReviewAuditEntry.attempt_id == attempt_id)
                .order_by(ReviewAuditEntry.id)
            ).scalars()
        )


def test_the_transcript_offers_a_dispute_per_reply(app, trainee, attempt_id):
    html = trainee.get(TRANSCRIPT.format(attempt_id)).get_data(as_text=True)
    for reply_id in reply_ids(app, attempt_id):
        assert DISPUTE.format(reply_id) in html


def test_a_dispute_is_recorded_once_and_audited(app, trainee, attempt_id):
    first = reply_ids(app, attempt_id)[0]
    response = send_dispute(trainee, first)
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"{TRANSCRIPT.format(attempt_id)}#turn-1")
    html = trainee.get(TRANSCRIPT.format(attempt_id)).get_data(as_text=True)
    assert "Waiting for the mentor" in html and "I did apologise" in html
    assert DISPUTE.format(first) not in html
    [dispute] = disputes(app)
    assert (dispute.reply_id, dispute.status, dispute.reason) == (first, DisputeStatus.OPEN, REASON)
    assert actions(app, attempt_id) == ["dispute.opened"]

    again = trainee.get(DISPUTE.format(first))
    assert again.status_code == 302 and len(disputes(app)) == 1


def test_a_second_dispute_of_the_same_reply_is_refused_by_the_database(app, users, attempt_id):
    from trainer.auth.models import User
    from trainer.practice.models import Reply
    from trainer.review.disputes import DisputeRefused, open_dispute

    first = reply_ids(app, attempt_id)[0]
    with app.app_context():
        reply, trainee = db.session.get(Reply, first), db.session.get(User, users[Role.TRAINEE].id)
        open_dispute(reply, trainee, REASON)
        with pytest.raises(DisputeRefused, match="disputed once"):
            open_dispute(reply, trainee, REASON)
    assert len(disputes(app)) == 1


@pytest.mark.parametrize(
    ("reason", "message"), [("", "Explain what"), ("too short", "10 to 1,000")]
)
def test_a_bad_reason_is_explained_and_kept(app, trainee, attempt_id, reason, message):
    first = reply_ids(app, attempt_id)[0]
    response = send_dispute(trainee, first, reason)
    html = response.get_data(as_text=True)
    assert response.status_code == 422 and message in html
    assert form_values(html)["reason"] == reason
    assert disputes(app) == []


def test_only_the_trainee_disputes_their_own_finished_replies(app, users, library, make_user,
                                                               attempt_id):
    first = reply_ids(app, attempt_id)[0]
    other = signed_in(app, make_user(Role.TRAINEE, mentor=users[Role.MENTOR]))
    assert other.get(DISPUTE.format(first)).status_code == 404
    mentor = signed_in(app, users[Role.MENTOR])
    assert mentor.get(DISPUTE.format(first)).status_code == 403

    unfinished = start_practice(app, users[Role.TRAINEE], "hosting-shop-outage")
    from trainer.practice.models import Attempt
    from trainer.practice.services import submit_reply

    with app.app_context():
        attempt = db.session.get(Attempt, unfinished.id)
        reply = submit_reply(attempt, attempt.current_step, "Thank you for reaching out.").reply
        reply_id = reply.id
    trainee = signed_in(app, users[Role.TRAINEE])
    assert trainee.get(DISPUTE.format(reply_id)).status_code == 302
    assert disputes(app) == []


def test_a_trainee_without_a_mentor_is_told_so(app, library, make_user):
    loner = make_user(Role.TRAINEE)
    attempt_id = finished_attempt(app, loner)
    client = signed_in(app, loner)
    response = send_dispute(client, reply_ids(app, attempt_id)[0])
    assert response.status_code == 422 and "no mentor" in response.get_data(as_text=True)


def test_the_dispute_lands_in_the_queue_and_the_navigation_count(app, trainee, mentor, attempt_id):
    def count() -> str:
        html = mentor.get("/home").get_data(as_text=True)
        return html.split('class="badge"', 1)[1].split(">", 1)[1].split("<", 1)[0]

    assert count() == "1"  # not yet reviewed
    values = form_values(mentor.get(REVIEW.format(attempt_id)).get_data(as_text=True))
    assert mentor.post(REVIEW.format(attempt_id), data=values).status_code == 302
    assert 'class="badge"' not in mentor.get("/home").get_data(as_text=True)
    assert "open dispute" not in mentor.get("/review?show=disputed").get_data(as_text=True)

    send_dispute(trainee, reply_ids(app, attempt_id)[1])
    assert count() == "1"
    queue = mentor.get("/review?show=disputed").get_data(as_text=True)
    assert REVIEW.format(attempt_id) in queue and "open dispute" in queue


def resolve(mentor, attempt_id, reply_id, resolution, answer, **changes):
    values = form_values(mentor.get(REVIEW.format(attempt_id)).get_data(as_text=True))
    values |= {f"r{reply_id}-resolution": resolution, f"r{reply_id}-resolution-comment": answer}
    values |= {f"r{reply_id}-{name}": value for name, value in changes.items()}
    return mentor.post(REVIEW.format(attempt_id), data=values)


def test_upholding_keeps_the_grade_and_tells_the_trainee(app, trainee, mentor, attempt_id):
    first = reply_ids(app, attempt_id)[0]
    send_dispute(trainee, first)
    page = mentor.get(REVIEW.format(attempt_id)).get_data(as_text=True)
    assert "Disputed by the trainee" in page and "I did apologise" in page
    response = resolve(mentor, attempt_id, first, "upheld", "Calling the customer an idiot stays.")
    assert response.status_code == 302
    [dispute] = disputes(app)
    assert dispute.status is DisputeStatus.UPHELD and dispute.resolved_at is not None
    html = trainee.get(TRANSCRIPT.format(attempt_id)).get_data(as_text=True)
    assert "Grade upheld" in html and "Calling the customer an idiot stays." in html
    assert actions(app, attempt_id)[-2:] == ["dispute.resolved", "attempt_review.created"]


def test_changing_resolves_with_the_corrected_grade(app, trainee, mentor, attempt_id):
    first = reply_ids(app, attempt_id)[0]
    send_dispute(trainee, first)
    response = resolve(mentor, attempt_id, first, "changed", "Fair point: raised it.",
                       politeness="55", comment="The apology counts.")
    assert response.status_code == 302
    [dispute] = disputes(app)
    assert dispute.status is DisputeStatus.CHANGED
    html = trainee.get(TRANSCRIPT.format(attempt_id)).get_data(as_text=True)
    assert "Grade changed" in html and "Politeness:" in html and "→ 55" in html
    # Resolved for good: the review page shows it, with nothing left to choose.
    page = mentor.get(REVIEW.format(attempt_id)).get_data(as_text=True)
    assert f'name="r{first}-resolution"' not in page and "Fair point: raised it." in page


@pytest.mark.parametrize(
    ("resolution", "answer", "changes", "message"),
    [
        ("changed", "Raised it.", {}, "correct the grade in this section"),
        ("upheld", "It stands.", {"politeness": "60", "comment": "Better."}, "as changed"),
        ("upheld", "", {}, "Tell the trainee why"),
        ("maybe", "Hmm, not sure.", {}, "upheld or changed"),
    ],
)
def test_a_resolution_must_match_what_was_saved(app, trainee, mentor, attempt_id, resolution,
                                                answer, changes, message):
    first = reply_ids(app, attempt_id)[0]
    send_dispute(trainee, first)
    response = resolve(mentor, attempt_id, first, resolution, answer, **changes)
    html = response.get_data(as_text=True)
    assert response.status_code == 422 and message in html
    assert form_values(html)[f"r{first}-resolution-comment"] == answer
    assert disputes(app)[0].status is DisputeStatus.OPEN
    assert actions(app, attempt_id) == ["dispute.opened"]
