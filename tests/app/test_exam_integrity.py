"""Exam attempts of trainees: the browser's signals are recorded while the exam runs and shown to
the mentor with the reply times; exam transcripts show no model answers."""

from __future__ import annotations

import pytest

from tests.helpers import csrf_token, finished_attempt, signed_in, start_practice, text_of
from trainer.auth.models import Role
from trainer.database import db
from trainer.practice.models import Attempt, ExamSignal, SignalKind
from trainer.practice.services import scenario_of, submit_reply


def signal(client, attempt_id: int, **data):
    token = csrf_token(client, "/scenarios/crm-csv-import")
    return client.post(f"/practice/attempts/{attempt_id}/signal",
                       data={"csrf_token": token, **data})


def stored(app, attempt_id: int) -> list[tuple[SignalKind, int | None]]:
    with app.app_context():
        rows = db.session.execute(
            db.select(ExamSignal.kind, ExamSignal.size)
            .where(ExamSignal.attempt_id == attempt_id).order_by(ExamSignal.id)
        ).all()
        return [tuple(row) for row in rows]


def finish(app, attempt_id: int) -> None:
    with app.app_context():
        attempt = db.session.get(Attempt, attempt_id)
        while attempt.current_step is not None:
            step = scenario_of(attempt).step(attempt.current_step)
            submit_reply(attempt, step.id, step.model_answer)


@pytest.fixture
def exam(app, users, library) -> int:
    return start_practice(app, users[Role.TRAINEE], "hosting-shop-outage", mode="exam").id


def test_signals_are_recorded_during_the_exam_and_shown_to_the_mentor(app, users, exam):
    trainee = signed_in(app, users[Role.TRAINEE])
    page = trainee.get(f"/practice/attempts/{exam}").get_data(as_text=True)
    assert 'id="signal-form"' in page and "js/integrity.js" in page
    for data in ({"kind": "paste", "size": "412"}, {"kind": "tab_hidden"}, {"kind": "paste",
                                                                            "size": "20"}):
        assert signal(trainee, exam, **data).status_code == 204
    assert signal(trainee, exam, kind="screenshot").status_code == 422
    assert stored(app, exam) == [(SignalKind.PASTE, 412), (SignalKind.TAB_HIDDEN, None),
                                 (SignalKind.PASTE, 20)]
    finish(app, exam)
    assert signal(trainee, exam, kind="paste", size="5").status_code == 204  # over: ignored
    assert len(stored(app, exam)) == 3
    for client, path in [(signed_in(app, users[Role.MENTOR]), f"/review/attempts/{exam}"),
                         (trainee, f"/practice/attempts/{exam}/transcript")]:
        text = text_of(client.get(path))
        assert "How the exam was taken" in text
        assert "Pasted text: 2; Left the tab: 1 (432 characters pasted)." in text
        assert "Reply times: median" in text and "not verdicts" in text


def test_only_the_owner_may_report_and_only_for_an_exam(app, users, make_user, exam, library):
    stranger = signed_in(app, make_user(Role.TRAINEE))
    assert signal(stranger, exam, kind="paste").status_code == 404
    practice = start_practice(app, users[Role.TRAINEE], "crm-csv-import").id
    trainee = signed_in(app, users[Role.TRAINEE])
    assert 'id="signal-form"' not in trainee.get(f"/practice/attempts/{practice}").get_data(
        as_text=True)
    assert signal(trainee, practice, kind="paste").status_code == 204
    assert stored(app, practice) == [] and stored(app, exam) == []


def test_a_quiet_exam_says_so_and_practice_shows_no_integrity_section(app, users, library):
    mentor = signed_in(app, users[Role.MENTOR])
    quiet = finished_attempt(app, users[Role.TRAINEE], first_reply=None, mode="exam")
    assert "No paste and no leaving the tab or the window was reported." in text_of(
        mentor.get(f"/review/attempts/{quiet}"))
    practice = finished_attempt(app, users[Role.TRAINEE], first_reply=None)
    assert "How the exam was taken" not in text_of(mentor.get(f"/review/attempts/{practice}"))


def test_exam_transcripts_show_no_model_answers_and_say_whether_they_count(app, users, library):
    trainee = signed_in(app, users[Role.TRAINEE])
    exam = finished_attempt(app, users[Role.TRAINEE], first_reply=None, mode="exam")
    text = text_of(trainee.get(f"/practice/attempts/{exam}/transcript"))
    assert "Model answer" not in text and "This exam counts for a rank." in text
    practice = finished_attempt(app, users[Role.TRAINEE], first_reply=None)
    assert "Model answer" in text_of(trainee.get(f"/practice/attempts/{practice}/transcript"))
    again = finished_attempt(app, users[Role.TRAINEE], first_reply=None, mode="exam")
    assert "This exam does not count for a rank: the scenario had been practised" in text_of(
        trainee.get(f"/practice/attempts/{again}/transcript"))
