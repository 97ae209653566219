from __future__ import annotations

import re
import threading
from datetime import timedelta

import pytest
from markupsafe import escape
from sqlalchemy.exc import IntegrityError

from tests.helpers import csrf_token, login, post_form, start_practice
from trainer.auth.models import Role
from trainer.database import db, now_utc
from trainer.practice.models import Attempt, Reply
from trainer.practice.services import EMPTY_REPLY, MAX_REPLY_CHARS, submit_reply

SLUG = "hosting-shop-outage"
RUDE = "Calm down. This is your fault, you should have read the status page, idiot."


def model_answer(library, step_id: str) -> str:
    return library.scenarios[SLUG].step(step_id).model_answer


def current_step_of(page: str) -> str:
    return re.search(r'name="step_id" type="hidden" value="([^"]*)"', page).group(1)


def send(client, attempt_id: int, step_id: str, text: str, **kw):
    return post_form(
        client, f"/practice/attempts/{attempt_id}/reply", {"step_id": step_id, "text": text},
        token_from=f"/practice/attempts/{attempt_id}", **kw,
    )


def reply_rows(app, attempt_id: int) -> list[tuple[str, str]]:
    with app.app_context():
        rows = db.session.execute(
            db.select(Reply.step_id, Reply.text).where(Reply.attempt_id == attempt_id)
            .order_by(Reply.position)
        ).all()
        return [tuple(row) for row in rows]


@pytest.fixture
def trainee_client(client, login_as, library):
    login_as(Role.TRAINEE)
    return client


def start(client, mode: str = "practice") -> int:
    response = post_form(client, f"/practice/start/{SLUG}", {"mode": mode},
                         token_from=f"/scenarios/{SLUG}")
    assert response.status_code == 302
    return int(re.search(r"/practice/attempts/(\d+)", response.headers["Location"]).group(1))


def play_to_the_end(client, library, attempt_id: int, first_reply: str) -> list[str]:
    """Answer every customer message (the first with `first_reply`); returns the steps seen."""
    seen = []
    text = first_reply
    while True:
        page = client.get(f"/practice/attempts/{attempt_id}")
        if page.status_code == 302:
            return seen
        step = current_step_of(page.get_data(as_text=True))
        seen.append(step)
        send(client, attempt_id, step, text or model_answer(library, step))
        text = None


def test_polite_path_passes_with_a_graded_transcript(app, trainee_client, library):
    attempt_id = start(trainee_client)
    page = trainee_client.get(f"/practice/attempts/{attempt_id}").get_data(as_text=True)
    opening = library.scenarios[SLUG].steps[0]
    assert opening.customer.split("\n")[0][:30] in page
    steps = play_to_the_end(trainee_client, library, attempt_id, model_answer(library, "opening"))
    assert steps == ["opening", "lost-sales"]
    transcript = trainee_client.get(f"/practice/attempts/{attempt_id}/transcript")
    html = transcript.get_data(as_text=True)
    assert "<strong>Passed</strong>" in html and "Model answer" in html
    assert 'class="hl hl-earned"' in html
    with app.app_context():
        attempt = db.session.get(Attempt, attempt_id)
        assert attempt.finished and attempt.passed and attempt.violation_count == 0
        assert attempt.overall >= 85 and len(attempt.replies) == 2


def test_rude_reply_escalates_the_customer_who_has_the_last_word(app, trainee_client, library):
    attempt_id = start(trainee_client)
    steps = play_to_the_end(trainee_client, library, attempt_id, RUDE)
    assert steps == ["opening", "manager-demand", "lost-sales"]
    html = trainee_client.get(f"/practice/attempts/{attempt_id}/transcript").get_data(as_text=True)
    assert "<strong>Not passed</strong>" in html and "Violations:" in html
    assert 'class="hl hl-cost"' in html
    # The apology and the rest were right: the customer's closing message settles it.
    closing = library.scenarios[SLUG].step("fine-then")
    assert str(escape(closing.customer.split("\n")[0][:40])) in html
    assert "Resolved: the customer is satisfied." in html
    with app.app_context():
        attempt = db.session.get(Attempt, attempt_id)
        assert (attempt.current_step, attempt.closing_step) == (None, "fine-then")


def test_a_rude_agent_who_will_not_escalate_loses_the_customer(app, trainee_client, library):
    attempt_id = start(trainee_client)
    send(trainee_client, attempt_id, "opening", RUDE)
    send(trainee_client, attempt_id, "manager-demand", RUDE)
    html = trainee_client.get(f"/practice/attempts/{attempt_id}/transcript").get_data(as_text=True)
    assert "The customer left unhappy." in html
    assert str(escape(library.scenarios[SLUG].step("moving-host").customer[:30])) in html


def test_practice_mode_shows_feedback_after_each_reply(trainee_client, library):
    attempt_id = start(trainee_client)
    send(trainee_client, attempt_id, "opening", RUDE)
    page = trainee_client.get(f"/practice/attempts/{attempt_id}").get_data(as_text=True)
    assert 'class="scores"' in page and "Missed:" in page and "hl-cost" in page


def test_a_list_of_key_terms_is_marked_as_only_listed_with_advice(trainee_client, library):
    attempt_id = start(trainee_client)
    terms = "Sorry, known incident, engineers working, 11:30, which domain, status page"
    send(trainee_client, attempt_id, "opening", terms)
    page = trainee_client.get(f"/practice/attempts/{attempt_id}").get_data(as_text=True)
    assert "only listed, not said in a sentence (part credit)" in page
    assert "Write to the customer in full sentences" in page


def test_exam_mode_shows_nothing_until_the_end(trainee_client, library):
    attempt_id = start(trainee_client, mode="exam")
    send(trainee_client, attempt_id, "opening", RUDE)
    page = trainee_client.get(f"/practice/attempts/{attempt_id}").get_data(as_text=True)
    assert 'class="scores"' not in page and "Missed:" not in page and "hl-" not in page
    assert "Exam mode" in page
    play_to_the_end(trainee_client, library, attempt_id, None)
    transcript = trainee_client.get(f"/practice/attempts/{attempt_id}/transcript")
    assert 'class="scores"' in transcript.get_data(as_text=True)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", EMPTY_REPLY),
        ("   \n\t ", EMPTY_REPLY),
        ("x" * (MAX_REPLY_CHARS + 1), "the limit is 4,000"),
    ],
)
def test_bad_replies_are_refused_and_the_text_stays(app, trainee_client, library, text, message):
    attempt_id = start(trainee_client)
    response = send(trainee_client, attempt_id, "opening", text)
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert message in page
    assert f">{text}</textarea>" in page
    assert reply_rows(app, attempt_id) == []


def test_unicode_and_html_round_trip_and_never_run(app, trainee_client, library):
    attempt_id = start(trainee_client)
    text = "Sorry 🙏 — naïve café, שלום, <script>alert('x')</script> & <b>bold</b>"
    send(trainee_client, attempt_id, "opening", text)
    assert reply_rows(app, attempt_id) == [("opening", text)]
    page = trainee_client.get(f"/practice/attempts/{attempt_id}").get_data(as_text=True)
    assert "<script>alert" not in page and "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in page
    assert "🙏" in page and "שלום" in page and "naïve café" in page


def test_double_submit_records_one_reply(app, trainee_client, library):
    attempt_id = start(trainee_client)
    first = send(trainee_client, attempt_id, "opening", RUDE)
    second = send(trainee_client, attempt_id, "opening", "A different text sent twice")
    assert first.status_code == second.status_code == 302
    assert reply_rows(app, attempt_id) == [("opening", RUDE)]
    page = trainee_client.get(f"/practice/attempts/{attempt_id}").get_data(as_text=True)
    assert "recorded once" in page


def test_stale_form_for_another_step_is_refused_with_a_clear_message(app, trainee_client,
                                                                      library):
    attempt_id = start(trainee_client)
    response = send(trainee_client, attempt_id, "lost-sales", "Answering ahead of time")
    assert response.status_code == 422
    assert "not the customer&#39;s latest one" in response.get_data(as_text=True)
    assert "Answering ahead of time</textarea>" in response.get_data(as_text=True)
    assert reply_rows(app, attempt_id) == []


def test_leaving_and_coming_back_resumes_at_the_same_step(app, trainee_client, library):
    attempt_id = start(trainee_client)
    send(trainee_client, attempt_id, "opening", RUDE)
    scenario_page = trainee_client.get(f"/scenarios/{SLUG}").get_data(as_text=True)
    assert f"/practice/attempts/{attempt_id}" in scenario_page and "Resume" in scenario_page
    assert start(trainee_client) == attempt_id  # starting again resumes the unfinished one
    page = trainee_client.get(f"/practice/attempts/{attempt_id}").get_data(as_text=True)
    assert current_step_of(page) == "manager-demand"
    assert "read the status page" in page


def send_json(client, attempt_id: int, step_id: str, text: str, token: str):
    return client.post(f"/practice/attempts/{attempt_id}/reply",
                       data={"csrf_token": token, "step_id": step_id, "text": text},
                       headers={"Accept": "application/json"})


def test_json_reply_returns_only_what_the_page_lacks(trainee_client, library):
    attempt_id = start(trainee_client)
    response = send(trainee_client, attempt_id, "opening", RUDE,
                    headers={"Accept": "application/json"})
    data = response.get_json()
    assert response.status_code == 200
    assert data["step_id"] == "manager-demand" and not data["finished"] and data["error"] is None
    turns = data["turns"]
    assert re.findall(r'<article class="turn" id="(turn-\d)"', turns) == ["turn-1", "turn-2"]
    assert "hl-cost" in turns and "Missed:" in turns  # the graded reply
    assert str(escape(library.scenarios[SLUG].step("manager-demand").customer[:30])) in turns
    assert '<span id="latest"></span>' in turns and "<textarea" not in turns and "html" not in data
    # The answer's token is good for the next reply, as the page's script uses it.
    text = model_answer(library, "manager-demand")
    second = send_json(trainee_client, attempt_id, "manager-demand", text, data["csrf_token"])
    assert second.status_code == 200 and second.get_json()["step_id"] == "lost-sales"
    empty = send_json(trainee_client, attempt_id, "lost-sales", " ",
                      second.get_json()["csrf_token"])
    assert empty.status_code == 422 and empty.get_json()["error"] == EMPTY_REPLY
    assert " </textarea>" in empty.get_json()["html"]  # the whole chat again, text kept


def test_json_answer_to_the_last_reply_leads_to_the_transcript(trainee_client, library):
    attempt_id = start(trainee_client)
    send(trainee_client, attempt_id, "opening", model_answer(library, "opening"))
    last = send(trainee_client, attempt_id, "lost-sales", model_answer(library, "lost-sales"),
                headers={"Accept": "application/json"})
    data = last.get_json()
    assert data["finished"] and data["step_id"] is None and "turns" not in data
    assert data["transcript_url"] == f"/practice/attempts/{attempt_id}/transcript"


def test_json_repeat_of_an_answered_message_redraws_the_conversation(app, trainee_client,
                                                                      library):
    attempt_id = start(trainee_client)
    token = csrf_token(trainee_client, f"/practice/attempts/{attempt_id}")
    first = send_json(trainee_client, attempt_id, "opening", RUDE, token)
    again = send_json(trainee_client, attempt_id, "opening", RUDE, token)
    assert first.status_code == again.status_code == 200
    data = again.get_json()
    assert data["error"] is None and data["step_id"] == "manager-demand" and "turns" not in data
    assert 'id="turn-1"' in data["html"] and 'value="manager-demand"' in data["html"]
    assert reply_rows(app, attempt_id) == [("opening", RUDE)]


def test_json_answer_in_exam_mode_shows_no_grade(trainee_client, library):
    attempt_id = start(trainee_client, mode="exam")
    data = send(trainee_client, attempt_id, "opening", RUDE,
                headers={"Accept": "application/json"}).get_json()
    assert "read the status page" in data["turns"]
    assert 'class="scores"' not in data["turns"] and "hl-" not in data["turns"]


def test_a_reply_costs_the_same_few_queries_however_long_the_chat(trainee_client, library,
                                                                  query_budget):
    slug = "crm-archived-segment"  # three replies on the model answers' path
    response = post_form(trainee_client, f"/practice/start/{slug}", {"mode": "practice"},
                         token_from=f"/scenarios/{slug}")
    attempt_id = int(re.search(r"/practice/attempts/(\d+)", response.headers["Location"])[1])
    token = csrf_token(trainee_client, f"/practice/attempts/{attempt_id}")
    counts = []
    for step in ("opening", "campaign-zero"):
        text = library.scenarios[slug].step(step).model_answer
        with query_budget(4) as statements:
            response = send_json(trainee_client, attempt_id, step, text, token)
        assert response.status_code == 200 and not response.get_json()["finished"]
        counts.append(len(statements))
    assert counts[0] == counts[1], counts


def test_reply_time_is_measured_on_the_server(app, users, library):
    attempt = start_practice(app, users[Role.TRAINEE], SLUG)
    with app.app_context():
        attempt = db.session.get(Attempt, attempt.id)
        served = now_utc()
        attempt.current_step_served_at = served
        first = submit_reply(attempt, "opening", model_answer(library, "opening"),
                             now=served + timedelta(seconds=12))
        second = submit_reply(attempt, "lost-sales", model_answer(library, "lost-sales"),
                              now=served + timedelta(seconds=12 + 30))
        assert (first.reply.reply_ms, second.reply.reply_ms) == (12_000, 30_000)
        assert attempt.finished and attempt.median_reply_ms == 21_000


def test_history_lists_attempts_and_opens_transcripts(trainee_client, library):
    attempt_id = start(trainee_client)
    play_to_the_end(trainee_client, library, attempt_id, None)
    history = trainee_client.get("/practice/history").get_data(as_text=True)
    assert f"/practice/attempts/{attempt_id}/transcript" in history and "<td>passed</td>" in history


def test_only_the_owner_and_their_mentor_see_an_attempt(app, users, make_user, library):
    attempt = start_practice(app, users[Role.TRAINEE], SLUG)
    other_mentor = make_user(Role.MENTOR)
    other_trainee = make_user(Role.TRAINEE, mentor=other_mentor)
    for account, expected in [
        (users[Role.MENTOR], 200), (other_mentor, 404), (other_trainee, 404),
        (users[Role.ADMIN], 404), (users[Role.MANAGER], 404),
    ]:
        client = app.test_client()
        login(client, account.email)
        response = client.get(f"/practice/attempts/{attempt.id}/transcript")
        assert response.status_code == expected, account.email
    intruder = app.test_client()
    login(intruder, other_trainee.email)
    token = csrf_token(intruder, "/home")
    response = intruder.post(f"/practice/attempts/{attempt.id}/reply",
                             data={"csrf_token": token, "step_id": "opening", "text": "hi"})
    assert response.status_code == 404
    assert reply_rows(app, attempt.id) == []


def test_mentor_sees_team_history_only(app, users, make_user, library):
    start_practice(app, users[Role.TRAINEE], SLUG)
    outsider = make_user(Role.TRAINEE)
    client = app.test_client()
    login(client, users[Role.MENTOR].email)
    assert client.get(f"/practice/team/{users[Role.TRAINEE].id}/history").status_code == 200
    assert client.get(f"/practice/team/{outsider.id}/history").status_code == 404


def test_concurrent_submits_of_one_step_record_one_reply(app, users, library):
    attempt = start_practice(app, users[Role.TRAINEE], SLUG)
    barrier = threading.Barrier(2)
    duplicates: list[bool] = []

    def submit(text: str) -> None:
        with app.app_context():
            mine = db.session.get(Attempt, attempt.id)
            barrier.wait()
            duplicates.append(submit_reply(mine, "opening", text).duplicate)

    threads = [threading.Thread(target=submit, args=(f"{RUDE} ({n})",)) for n in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(duplicates) == [False, True]
    assert len(reply_rows(app, attempt.id)) == 1


def test_a_stored_reply_is_the_same_in_the_session_and_in_the_database(app, users, library):
    attempt = start_practice(app, users[Role.TRAINEE], SLUG)
    scenario = library.scenarios[SLUG]
    with app.app_context():
        mine = db.session.get(Attempt, attempt.id)
        while mine.current_step is not None:
            step = mine.current_step
            reply = submit_reply(mine, step, scenario.step(step).model_answer).reply
            assert mine.replies[-1] is reply and reply.step_id == step
            assert db.session.get(Reply, reply.id) is reply
            assert not db.session.new and not db.session.dirty
        seen = (mine.finished_at, mine.overall, mine.passed, mine.median_reply_ms,
                [(r.id, r.position, r.overall) for r in mine.replies])
    with app.app_context():
        stored = db.session.get(Attempt, attempt.id)
        assert seen == (stored.finished_at, stored.overall, stored.passed,
                        stored.median_reply_ms,
                        [(r.id, r.position, r.overall) for r in stored.replies])
        assert stored.passed and stored.current_step is None


def test_the_database_refuses_a_second_reply_to_a_step(app, users, library):
    attempt = start_practice(app, users[Role.TRAINEE], SLUG)
    with app.app_context():
        mine = db.session.get(Attempt, attempt.id)
        original = submit_reply(mine, "opening", RUDE).reply
        copy = Reply(**{column: getattr(original, column) for column in (
            "attempt_id", "step_id", "text", "politeness", "correctness", "completeness",
            "overall", "violation_count", "card", "scorer_version", "served_at",
            "received_at", "reply_ms")}, position=9)
        db.session.add(copy)
        with pytest.raises(IntegrityError):
            db.session.commit()


def test_history_pages_keep_the_trainee(app, users, library, monkeypatch):
    monkeypatch.setattr("trainer.practice.routes.HISTORY_PAGE_SIZE", 1)
    for _ in range(2):
        start_practice(app, users[Role.TRAINEE], SLUG)
    trainee = users[Role.TRAINEE]
    client = app.test_client()
    login(client, users[Role.MENTOR].email)
    first = client.get(f"/practice/team/{trainee.id}/history").get_data(as_text=True)
    assert f'href="/practice/team/{trainee.id}/history?page=2">Older' in first
    second = client.get(f"/practice/team/{trainee.id}/history?page=2").get_data(as_text=True)
    assert f'href="/practice/team/{trainee.id}/history?page=1">Newer' in second
