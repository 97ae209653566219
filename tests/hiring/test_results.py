"""Results: the sortable table, transcripts, comparison, blind mode, CSV and manual grading."""

from __future__ import annotations

import csv
import io
from html import unescape

import pytest

from tests.helpers import (
    FIXED,
    CandidateBrowser,
    csrf_token,
    form_of,
    form_values,
    invite_to,
    login,
    post_form,
)
from trainer.auth.models import Role
from trainer.database import db
from trainer.hiring.export import COLUMNS
from trainer.hiring.models import CandidateAttempt

RUDE = "Calm down. This is your fault, you should have read the status page, idiot."


@pytest.fixture
def taken(app, make_assignment, library):
    """An assignment two candidates took: Ada politely (with model answers), Bob rudely."""
    assignment_id = make_assignment()
    ada = invite_to(app, assignment_id, "Ada Lovelace", "ada@example.com")
    bob = invite_to(app, assignment_id, "Bob Rude", "bob@example.com")
    for invited, rude in ((ada, False), (bob, True)):
        browser = CandidateBrowser(app, invited.token)
        browser.start()
        while (page := browser.get("/play")).status_code == 200:
            form = form_of(page.get_data(as_text=True))
            scenario = library.scenarios[FIXED[int(form["position"]) - 1]]
            text = RUDE if rude else scenario.step(form["step_id"]).model_answer
            browser.send(text, form)
    return assignment_id, ada, bob


@pytest.fixture
def manager(app, users):
    client = app.test_client()
    login(client, users[Role.MANAGER].email)
    return client


def rows(html: str, names) -> list[str]:
    """The names in the order the page shows them."""
    return sorted(names, key=html.index)


def test_the_table_is_sortable_and_blind_until_revealed(app, taken, manager):
    assignment_id, _, _ = taken
    page = manager.get(f"/hiring/{assignment_id}/results").get_data(as_text=True)
    assert "Ada Lovelace" not in page and "ada@example.com" not in page
    assert page.count("Candidate ") >= 2
    post_form(manager, f"/hiring/{assignment_id}/names", {"names": "show"},
              token_from=f"/hiring/{assignment_id}/results")
    best_first = manager.get(f"/hiring/{assignment_id}/results?sort=overall&order=desc")
    html = best_first.get_data(as_text=True)
    assert "ada@example.com" in html
    assert rows(html, ["Ada Lovelace", "Bob Rude"]) == ["Ada Lovelace", "Bob Rude"]
    worst_first = manager.get(f"/hiring/{assignment_id}/results?sort=overall&order=asc")
    assert rows(worst_first.get_data(as_text=True), ["Ada Lovelace", "Bob Rude"]) == [
        "Bob Rude", "Ada Lovelace"]
    assert "<strong>pass</strong>" in html and '<td data-label="Result">fail' in html
    by_name = manager.get(f"/hiring/{assignment_id}/results?sort=candidate&order=desc")
    assert rows(by_name.get_data(as_text=True), ["Ada Lovelace", "Bob Rude"]) == [
        "Bob Rude", "Ada Lovelace"]


def test_a_transcript_shows_grades_times_and_model_answers(app, taken, manager, library):
    _, ada, _ = taken
    page = manager.get(f"/hiring/candidates/{ada.id}").get_data(as_text=True)
    assert "Model answer" in page and "replied in" in page and "Politeness" in page
    assert "Grade manually" in page
    assert "Ada Lovelace" not in page  # blind by default


def test_candidates_side_by_side_step_by_step(app, taken, manager, library, make_assignment):
    assignment_id, ada, bob = taken
    page = manager.get(f"/hiring/{assignment_id}/compare?candidate={ada.id}&candidate={bob.id}")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert html.count('class="table side-by-side') == 2  # a table per scenario
    assert "Ada Lovelace" not in html
    # The first customer message of each scenario: one row, Ada's reply beside Bob's.
    def flat(text: str) -> str:
        return " ".join(unescape(text).split())

    table_rows = [flat(row) for row in html.split("<tr")]
    for slug in FIXED:
        step = library.scenarios[slug].steps[0]
        row = next(row for row in table_rows if flat(step.customer)[:40] in row)
        assert row.count("<td") == 2
        assert flat(step.model_answer)[:40] in row and "Calm down." in row, slug
    more = [invite_to(app, assignment_id, f"C{n}", f"c{n}@example.com").id for n in range(3)]
    four = manager.get(f"/hiring/{assignment_id}/compare?candidate={ada.id}&candidate={bob.id}"
                       + "".join(f"&candidate={candidate}" for candidate in more[:2]))
    assert four.status_code == 200 and unescape(four.get_data(as_text=True)).count(
        "Not reached: counts 0.") == 2 * 2  # two scenarios each for the two who did not start
    for chosen in ([ada.id], [ada.id] * 2, [ada.id, 0], [ada.id, bob.id, *more]):
        query = "&".join(f"candidate={candidate}" for candidate in chosen)
        refused = manager.get(f"/hiring/{assignment_id}/compare?{query}")
        assert refused.status_code == 302, chosen


def csv_rows(response) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))


def test_the_csv_export_has_a_stable_layout(app, taken, manager, make_assignment):
    assignment_id, ada, bob = taken
    response = manager.get(f"/hiring/{assignment_id}/export.csv")
    assert response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    header = response.get_data(as_text=True).splitlines()[0].split(",")
    assert tuple(header) == COLUMNS
    blind = csv_rows(response)
    assert [row["name"] for row in blind] == ["", ""] and [r["email"] for r in blind] == ["", ""]
    post_form(manager, f"/hiring/{assignment_id}/names", {"names": "show"},
              token_from=f"/hiring/{assignment_id}/results")
    shown = {row["name"]: row for row in csv_rows(manager.get(
        f"/hiring/{assignment_id}/export.csv"))}
    assert shown["Ada Lovelace"]["passed"] == "yes" and shown["Bob Rude"]["passed"] == "no"
    assert shown["Ada Lovelace"]["status"] == "submitted"
    assert shown["Ada Lovelace"]["scenarios_finished"] == "2"
    assert int(shown["Ada Lovelace"]["overall"]) > int(shown["Bob Rude"]["overall"])
    assert int(shown["Bob Rude"]["violations"]) > 0
    assert shown["Ada Lovelace"]["email"] == "ada@example.com"
    # An empty assignment exports the same header.
    empty = manager.get(f"/hiring/{make_assignment()}/export.csv").get_data(as_text=True)
    assert empty.splitlines() == [",".join(COLUMNS)]


def test_a_formula_in_a_name_is_not_run_by_a_spreadsheet(app, manager, make_assignment):
    assignment_id = make_assignment(blind=False)
    invite_to(app, assignment_id, "=HYPERLINK(\"http://evil\")", "evil@example.com")
    rows_ = csv_rows(manager.get(f"/hiring/{assignment_id}/export.csv"))
    assert rows_[0]["name"].startswith("'=")


def first_attempt(app, candidate_id: int) -> int:
    with app.app_context():
        return db.session.execute(
            db.select(CandidateAttempt.attempt_id).where(
                CandidateAttempt.candidate_id == candidate_id, CandidateAttempt.position == 2)
        ).scalar_one()


def test_manual_grading_reuses_the_review_and_changes_the_results(app, taken, manager, users):
    assignment_id, ada, bob = taken
    attempt_id = first_attempt(app, bob.id)
    path = f"/hiring/attempts/{attempt_id}/grade"
    page = manager.get(path).get_data(as_text=True)
    assert "your records (the candidate never sees it)" in page
    values = form_values(page)
    reply_fields = sorted(name for name in values if name.endswith("-politeness"))
    for name in reply_fields:
        values[name] = "95"
        values[name.replace("-politeness", "-comment")] = "Firm but fair in context."
    saved = manager.post(path, data=values)
    assert saved.status_code == 302 and saved.headers["Location"] == path
    table = manager.get(f"/hiring/{assignment_id}/results").get_data(as_text=True)
    assert "graded" in table and "<summary>corrected</summary>" in table
    post_form(manager, f"/hiring/{assignment_id}/names", {"names": "show"},
              token_from=f"/hiring/{assignment_id}/results")
    exported = {row["name"]: row for row in csv_rows(
        manager.get(f"/hiring/{assignment_id}/export.csv"))}
    bob_row, ada_row = exported["Bob Rude"], exported["Ada Lovelace"]
    assert bob_row["grade"] == "corrected" and ada_row["grade"] == "machine"
    assert int(bob_row["politeness"]) > int(bob_row["machine_politeness"])
    assert ada_row["machine_overall"] == ada_row["overall"]
    compare = manager.get(f"/hiring/{assignment_id}/compare?candidate={ada.id}"
                          f"&candidate={bob.id}").get_data(as_text=True)
    assert compare.count("<summary>corrected</summary>") == 1
    candidate_page = manager.get(f"/hiring/candidates/{bob.id}").get_data(as_text=True)
    assert "Politeness: " in candidate_page and "→ 95" in candidate_page
    # Admins read the grades but do not write them; the review pages refuse candidates.
    admin = app.test_client()
    login(admin, users[Role.ADMIN].email)
    assert admin.get(path).status_code == 200
    admin_values = values | {"csrf_token": csrf_token(admin, path)}
    assert admin.post(path, data=admin_values).status_code == 404
    assert admin.get(f"/review/attempts/{attempt_id}").status_code == 404
    trainee = app.test_client()
    login(trainee, users[Role.TRAINEE].email)
    assert trainee.get(f"/practice/attempts/{attempt_id}/transcript").status_code == 404
    mentor = app.test_client()
    login(mentor, users[Role.MENTOR].email)
    assert mentor.get(f"/practice/attempts/{attempt_id}/transcript").status_code == 404
    # A manager's grading of a candidate is not a mentor's review: calibration leaves it out.
    assert "No attempt has been reviewed yet" in admin.get("/calibration").get_data(as_text=True)
    offered = admin.get("/calibration/sessions/new")
    assert offered.status_code == 200 and f'value="{attempt_id}"' not in offered.get_data(
        as_text=True)


def test_a_test_left_past_its_deadline_counts_as_closed_in_the_results(app, manager,
                                                                       make_assignment,
                                                                       monkeypatch):
    from datetime import timedelta

    from trainer.database import now_utc
    from trainer.hiring import exam

    assignment_id = make_assignment(minutes=10, blind=False)
    invited = invite_to(app, assignment_id)
    browser = CandidateBrowser(app, invited.token)
    browser.start()
    browser.send("Sorry for the trouble, I am checking your certificate right now.")
    later = now_utc() + timedelta(minutes=11)
    monkeypatch.setattr(exam, "clock", lambda: later)
    rows_ = csv_rows(manager.get(f"/hiring/{assignment_id}/export.csv"))
    assert rows_[0]["status"] == "time up"
    assert rows_[0]["passed"] == "no"  # one scenario not reached counts 0
    assert rows_[0]["time_used_seconds"] == "600"
