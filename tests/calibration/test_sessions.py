"""Calibration sessions: who may do what, blind grading with clear messages, when the grades are
revealed, and the agreement figures against an example computed by hand."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from tests.helpers import csrf_token, finished_attempt, reply_ids, signed_in
from trainer.auth.models import Role, User
from trainer.calibration.agreement import band
from trainer.calibration.models import CalibrationGrade, CalibrationMember, CalibrationSession
from trainer.calibration.sessions import SessionRejected, create_session, results
from trainer.database import db
from trainer.practice.models import Attempt

NEW = "/calibration/sessions/new"
PAGE = "/calibration/sessions/{}"
# Per reply (politeness, correctness, completeness). The scorer's grades of the example
# attempt's three replies are in bands (0, 0, 0), (4, 4, 4) and (4, 4, 4).
GRADES_A = [(30, 10, 0), (90, 100, 90), (95, 100, 100)]
GRADES_B = [(10, 0, 0), (70, 100, 100), (90, 100, 100)]


@pytest.fixture
def second_mentor(make_user):
    return make_user(Role.MENTOR, "second.mentor@example.com")


@pytest.fixture
def session_id(app, users, library, second_mentor) -> int:
    attempt_id = finished_attempt(app, users[Role.TRAINEE])
    with app.app_context():
        admin = db.session.get(User, users[Role.ADMIN].id)
        return create_session(admin, attempt_id, [users[Role.MENTOR].id, second_mentor.id]).id


def grade_form(app, client, session_id: int, grades) -> dict[str, str]:
    with app.app_context():
        replies = reply_ids(app, db.session.get(CalibrationSession, session_id).attempt_id)
    values = {"csrf_token": csrf_token(client, PAGE.format(session_id))}
    for reply_id, scores in zip(replies, grades, strict=True):
        for name, score in zip(("politeness", "correctness", "completeness"), scores,
                               strict=True):
            values[f"r{reply_id}-{name}"] = str(score)
    return values


def submit(app, client, session_id: int, grades, **options):
    return client.post(PAGE.format(session_id),
                       data=grade_form(app, client, session_id, grades), **options)


def test_an_admin_starts_a_session(app, users, library, second_mentor):
    attempt_id = finished_attempt(app, users[Role.TRAINEE])
    admin = signed_in(app, users[Role.ADMIN])
    page = admin.get(f"{NEW}?attempt={attempt_id}").get_data(as_text=True)
    assert f'<option selected value="{attempt_id}">' in page and "Second.Mentor" in page
    token = csrf_token(admin, NEW)
    response = admin.post(NEW, data={
        "csrf_token": token, "title": "March calibration", "attempt_id": attempt_id,
        "mentor_ids": [users[Role.MENTOR].id, second_mentor.id]})
    assert response.status_code == 302
    with app.app_context():
        session = db.session.execute(select(CalibrationSession)).scalar_one()
        assert session.title == "March calibration" and session.attempt_id == attempt_id
        assert {m.mentor_id for m in session.members} == {users[Role.MENTOR].id, second_mentor.id}
    assert response.headers["Location"] == PAGE.format(session.id)


def test_one_mentor_is_not_enough_and_the_form_keeps_its_values(app, users, library):
    attempt_id = finished_attempt(app, users[Role.TRAINEE])
    admin = signed_in(app, users[Role.ADMIN])
    response = admin.post(NEW, data={
        "csrf_token": csrf_token(admin, NEW), "title": "Kept title", "attempt_id": attempt_id,
        "mentor_ids": [users[Role.MENTOR].id]})
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Pick at least 2 mentors: agreement needs a pair to compare." in html
    assert 'value="Kept title"' in html and f'<option selected value="{attempt_id}">' in html
    assert f'checked id="mentor_ids-0" name="mentor_ids" type="checkbox" value="{users[Role.MENTOR].id}"' in html  # noqa: E501
    with app.app_context():
        assert db.session.execute(select(func.count(CalibrationSession.id))).scalar() == 0


def test_an_unfinished_transcript_or_a_trainee_is_refused(app, users, library, second_mentor):
    from tests.helpers import start_practice

    unfinished = start_practice(app, users[Role.TRAINEE], "hosting-shop-outage").id
    finished = finished_attempt(app, users[Role.TRAINEE])
    with app.app_context():
        admin = db.session.get(User, users[Role.ADMIN].id)
        with pytest.raises(SessionRejected, match="finished transcript"):
            create_session(admin, unfinished, [users[Role.MENTOR].id, second_mentor.id])
        with pytest.raises(SessionRejected, match="at least 2 active mentors"):
            create_session(admin, finished, [users[Role.MENTOR].id, users[Role.TRAINEE].id])


def test_a_member_grades_blind(app, users, session_id):
    html = signed_in(app, users[Role.MENTOR]).get(PAGE.format(session_id)).get_data(as_text=True)
    assert "Reply 1: your grade" in html and 'name="r' in html
    assert 'class="scores"' not in html and "machine" not in html and "Scorer" not in html
    assert "0 of 2 mentors have submitted" in html
    assert users[Role.TRAINEE].name not in html  # nor whose transcript it is


def test_missing_and_wrong_scores_are_named_and_nothing_typed_is_lost(app, users, session_id):
    client = signed_in(app, users[Role.MENTOR])
    values = grade_form(app, client, session_id, GRADES_A)
    first, second, _ = sorted({int(name[1:].split("-")[0]) for name in values if name[0] == "r"})
    values |= {f"r{first}-politeness": "", f"r{second}-correctness": "150",
               f"r{first}-points-apologise": "covered", f"r{first}-comment": "ignored"}
    response = client.post(PAGE.format(session_id), data=values)
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Politeness of reply 1 is required: a whole number from 0 to 100." in html
    assert "Correctness of reply 2 is a whole number from 0 to 100, not “150”." in html
    assert 'value="150"' in html and f'name="r{first}-correctness"\n' in html
    assert 'value="covered" selected' in html
    with app.app_context():
        assert db.session.execute(select(func.count(CalibrationGrade.id))).scalar() == 0


def test_grades_are_revealed_once_everyone_has_submitted(app, users, second_mentor, session_id):
    first = signed_in(app, users[Role.MENTOR])
    assert submit(app, first, session_id, GRADES_A).status_code == 302
    waiting = first.get(PAGE.format(session_id)).get_data(as_text=True)
    assert "Your grades are in" in waiting and "Between mentors" not in waiting
    other = signed_in(app, second_mentor)
    blind = other.get(PAGE.format(session_id)).get_data(as_text=True)
    assert "1 of 2 mentors have submitted" in blind and "Between mentors" not in blind
    assert submit(app, other, session_id, GRADES_B).status_code == 302
    for client in (first, other, signed_in(app, users[Role.ADMIN])):
        html = client.get(PAGE.format(session_id)).get_data(as_text=True)
        assert "Between mentors (mean of 1 pairs)" in html and "0.88" in html
        assert "Mentor vs scorer" in html and "Second.Mentor vs scorer" in html
        assert "<th scope=\"row\">Scorer</th>" in html


def test_submitting_twice_keeps_the_first_grades(app, users, session_id):
    client = signed_in(app, users[Role.MENTOR])
    submit(app, client, session_id, GRADES_A)
    again = submit(app, client, session_id, GRADES_B, follow_redirects=True)
    assert "Your grades were not taken" in again.get_data(as_text=True)
    with app.app_context():
        grades = db.session.execute(select(CalibrationGrade.politeness)).scalars().all()
        assert sorted(grades) == sorted(scores[0] for scores in GRADES_A)


def test_closing_reveals_and_ends_grading(app, users, second_mentor, session_id):
    submit(app, signed_in(app, users[Role.MENTOR]), session_id, GRADES_A)
    admin = signed_in(app, users[Role.ADMIN])
    path = PAGE.format(session_id) + "/close"
    assert admin.post(path, data={"csrf_token": csrf_token(admin, PAGE.format(session_id))}
                      ).status_code == 302
    late = signed_in(app, second_mentor)
    html = late.get(PAGE.format(session_id)).get_data(as_text=True)
    assert "Did not submit before the session was closed: Second.Mentor." in html
    assert "Mentor vs scorer" in html and "your grade" not in html
    response = submit(app, late, session_id, GRADES_B, follow_redirects=True)
    assert "Your grades were not taken" in response.get_data(as_text=True)
    with app.app_context():
        member = db.session.execute(select(CalibrationMember).where(
            CalibrationMember.mentor_id == second_mentor.id)).scalar_one()
        assert member.submitted_at is None and member.grades == []


def test_object_level_access(app, users, make_user, session_id):
    outsider = signed_in(app, make_user(Role.MENTOR))
    assert outsider.get(PAGE.format(session_id)).status_code == 404
    assert outsider.get("/calibration/sessions").get_data(as_text=True).count("/calibration/sessions/") == 0  # noqa: E501
    token = csrf_token(outsider, "/calibration")
    assert outsider.post(PAGE.format(session_id), data={"csrf_token": token}).status_code == 404
    admin = signed_in(app, users[Role.ADMIN])
    token = csrf_token(admin, PAGE.format(session_id))
    assert admin.post(PAGE.format(session_id), data={"csrf_token": token}).status_code == 404
    for role in (Role.MANAGER, Role.TRAINEE):
        assert signed_in(app, users[role]).get(PAGE.format(session_id)).status_code == 403
    member = signed_in(app, users[Role.MENTOR])
    assert member.post(PAGE.format(session_id) + "/close",
                       data={"csrf_token": csrf_token(member, "/calibration")}).status_code == 403
    listed = member.get("/calibration/sessions").get_data(as_text=True)
    assert PAGE.format(session_id) in listed
    assert app.test_client().get(PAGE.format(session_id)).status_code == 302


def test_agreement_figures_of_a_session(app, users, second_mentor, session_id):
    submit(app, signed_in(app, users[Role.MENTOR]), session_id, GRADES_A)
    submit(app, signed_in(app, second_mentor), session_id, GRADES_B)
    with app.app_context():
        outcome = results(db.session.get(CalibrationSession, session_id))
    between, first_vs_scorer, _ = outcome.rows
    # Politeness bands A 1,4,4 and B 0,3,4: observed 1 + 1 = 2; rows r1=1 r4=2, columns c0=1
    # c3=1 c4=1: expected (1 + 4 + 9 + 32 + 2) / 3 = 16, kappa 1 - 2/16.
    assert between.kappas["politeness"] == pytest.approx(0.875)
    assert between.kappas["correctness"] == pytest.approx(1)
    # All nine scores pooled: observed 2, expected (178 + 52 + 294) / 9: kappa 1 - 18/524.
    assert between.kappas["all three"] == pytest.approx(1 - 18 / 524)
    # A against the scorer: bands (1,0) (4,4) (4,4): kappa 16/17, as on the calibration page.
    assert first_vs_scorer.kappas["politeness"] == pytest.approx(16 / 17)
    assert [grader.name for grader in outcome.graders] == ["Mentor", "Second.Mentor", "Scorer"]
    with app.app_context():
        attempt = db.session.get(Attempt, db.session.get(CalibrationSession, session_id)
                                 .attempt_id)
        assert [band(r.politeness) for r in attempt.replies] == [0, 4, 4]
