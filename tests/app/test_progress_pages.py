"""The progress pages: dashboard, team view, certificates, verification, revocation.

Also the promise that the dashboard and the team view cost the same number of SQL queries
however long the history is.
"""

from __future__ import annotations

import re

import pytest

from tests.helpers import (
    EASY,
    add_history,
    counting_queries,
    csrf_token,
    evaluate,
    first_rank_history,
    post_form,
    signed_in,
    text_of,
)
from trainer.auth.models import Role
from trainer.database import db
from trainer.progress.models import RankAward


def certified(app, users) -> RankAward:
    """The trainee holds the first real rank; returns the award, detached."""
    add_history(app, users[Role.TRAINEE], first_rank_history())
    evaluate(app, users[Role.TRAINEE])
    with app.app_context():
        award = db.session.execute(db.select(RankAward)).scalar_one()
        db.session.expunge(award)
        return award


# --- the trainee's dashboard --------------------------------------------------------------------

def test_a_new_trainee_sees_the_first_rank_checklist_and_recommendations(app, users, library):
    client = signed_in(app, users[Role.TRAINEE])
    page = text_of(client.get("/progress"))
    assert "Current rank: Trainee" in page and "Next rank: Support Operator (L1)" in page
    assert "0 of 4 requirements for Support Operator (L1)" in page
    assert ("○ Not yet 0 of 3 scenarios passed in an exam (overall 70+, each score 60+, "
            "no violation)") in page
    assert "Recommended next" in page and "No finished attempts yet" in page
    assert "chart-drawing" not in client.get("/progress").get_data(as_text=True)


def test_the_dashboard_shows_progress_charts_and_weak_spots(app, users, library):
    trainee = users[Role.TRAINEE]
    add_history(app, trainee, [
        {"slug": EASY[0], "replies": 4},
        {"slug": "pellworth-printer-offline", "score": 62, "correctness": 50, "day": 1},
    ])
    response = signed_in(app, trainee).get("/progress")
    source, page = response.get_data(as_text=True), text_of(response)
    assert "1 of 3 scenarios passed" in page and "✓ Met Politeness averages" not in page
    assert "Politeness averages 77.3 over the last 6 exam replies (needs 60 over 10)" in page
    assert source.count('<img class="chart-drawing"') == 1
    assert "<script" not in source.split("<footer")[0]
    assert "Politeness: solid line; Correctness: dashed line" in page
    assert "The same data as a table" in page
    assert "<td>62</td><td>50</td><td>62</td>" in source  # the second attempt's row
    assert "Weakest area: correctness with" in page
    assert 'class="tag">weakest</span>' in source and '<meter min="0" max="100"' in source
    assert 'href="/scenarios/' in source and "Difficulty" in page


def test_after_a_promotion_the_dashboard_shows_the_rank_and_certificate(app, users, library):
    award = certified(app, users)
    page = signed_in(app, users[Role.TRAINEE]).get("/progress").get_data(as_text=True)
    assert "Current rank: Support Operator (L1)" in page
    assert f'href="/certificates/{award.id}"' in page
    assert "Next rank: Support Specialist (L2)" in page


def test_a_rank_due_since_a_ladder_edit_is_awarded_when_the_dashboard_opens(app, users,
                                                                            library):
    """History written before the ladder allowed the rank: viewing records it, once."""
    add_history(app, users[Role.TRAINEE], first_rank_history())
    mentor_view = text_of(signed_in(app, users[Role.MENTOR]).get(
        f"/trainees/{users[Role.TRAINEE].id}/progress"))
    assert "Current rank: Support Operator (L1)" in mentor_view
    assert "You reached the rank" not in mentor_view  # only the trainee is told
    client = signed_in(app, users[Role.TRAINEE])
    assert "Current rank: Support Operator (L1)" in text_of(client.get("/progress"))
    with app.app_context():
        assert db.session.execute(db.select(db.func.count(RankAward.id))).scalar() == 1


def test_finishing_through_the_pages_announces_the_promotion(app, users, library):
    trainee = users[Role.TRAINEE]
    add_history(app, trainee, first_rank_history()[:2])
    client = signed_in(app, trainee)
    slug = EASY[2]
    started = post_form(client, f"/practice/start/{slug}", {"mode": "exam"},
                        token_from=f"/scenarios/{slug}")
    play = started.headers["Location"]
    while True:
        page = client.get(play)
        if page.status_code == 302:
            break
        step = re.search(r'name="step_id" type="hidden" value="([^"]*)"',
                         page.get_data(as_text=True)).group(1)
        post_form(client, f"{play}/reply", {"step_id": step,
                                            "text": library.scenarios[slug].step(step)
                                            .model_answer}, token_from=play)
    transcript = client.get(page.headers["Location"]).get_data(as_text=True)
    assert "You reached the rank of <strong>Support Operator (L1)</strong>" in transcript
    assert re.search(r'<a href="/certificates/\d+">See your certificate</a>', transcript)


# --- who sees which dashboard -------------------------------------------------------------------

def test_followers_see_a_trainees_dashboard_read_only(app, users, make_user, library):
    trainee = users[Role.TRAINEE]
    other_mentor = make_user(Role.MENTOR)
    outsider = make_user(Role.TRAINEE, mentor=other_mentor)
    path = f"/trainees/{trainee.id}/progress"
    for account, status in [(users[Role.MENTOR], 200), (users[Role.MANAGER], 200),
                            (users[Role.ADMIN], 200), (other_mentor, 404), (outsider, 403)]:
        assert signed_in(app, account).get(path).status_code == status, account.email
    page = text_of(signed_in(app, users[Role.MENTOR]).get(path))
    assert "Trainee's progress" in page and "Current rank: Trainee" in page
    mentor = signed_in(app, users[Role.MENTOR])
    assert mentor.get(f"/trainees/{users[Role.ADMIN].id}/progress").status_code == 404
    assert mentor.get("/trainees/999999/progress").status_code == 404


# --- the team view ------------------------------------------------------------------------------

@pytest.fixture
def team(app, users, make_user, library):
    """Three trainees of the mentor with different progress, and one in another team."""
    mentor = users[Role.MENTOR]
    ahead = users[Role.TRAINEE]  # "Trainee"
    add_history(app, ahead, first_rank_history(days=3))
    evaluate(app, ahead)
    middle = make_user(Role.TRAINEE, "bea@example.com", mentor=mentor)
    add_history(app, middle, [{"slug": EASY[0], "score": 60, "day": 1},
                              {"slug": EASY[1], "score": 80, "day": 2}])
    evaluate(app, middle)
    idle = make_user(Role.TRAINEE, "cid@example.com", mentor=mentor)
    elsewhere = make_user(Role.TRAINEE, "dan@example.com", mentor=make_user(Role.MENTOR))
    return {"ahead": ahead, "middle": middle, "idle": idle, "elsewhere": elsewhere}


def names_in_order(response) -> list[str]:
    return re.findall(r'<th scope="row"><a href="/trainees/\d+/progress">([^<]+)</a>',
                      response.get_data(as_text=True))


def test_mentors_see_their_team_managers_and_admins_everyone(app, users, team):
    mentor = signed_in(app, users[Role.MENTOR])
    assert names_in_order(mentor.get("/trainees")) == ["Bea", "Cid", "Trainee"]
    for role in (Role.MANAGER, Role.ADMIN):
        everyone = signed_in(app, users[role]).get("/trainees")
        assert names_in_order(everyone) == ["Bea", "Cid", "Dan", "Trainee"]
        assert "Mentor" in text_of(everyone)
    page = text_of(mentor.get("/trainees"))
    assert "Support Operator (L1)" in page and "no finished attempt" in page
    assert "0 of 4 requirements for Support Operator (L1)" in page
    assert "rising +20" in page and "2026-02-05" in page


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ["Bea", "Cid", "Trainee"]),
        ("?sort=name&order=desc", ["Trainee", "Cid", "Bea"]),
        ("?sort=rank", ["Trainee", "Bea", "Cid"]),
        ("?sort=rank&order=asc", ["Cid", "Bea", "Trainee"]),
        ("?sort=activity", ["Trainee", "Bea", "Cid"]),
        ("?sort=trend", ["Bea", "Trainee", "Cid"]),
        ("?sort=progress&order=asc", ["Cid", "Bea", "Trainee"]),
        ("?sort=password_hash", ["Bea", "Cid", "Trainee"]),  # not a sort key: by name
        ("?sort=name&order=sideways", ["Bea", "Cid", "Trainee"]),
    ],
)
def test_the_team_view_sorts_by_whitelisted_columns(app, users, team, query, expected):
    response = signed_in(app, users[Role.MENTOR]).get(f"/trainees{query}")
    assert response.status_code == 200 and names_in_order(response) == expected


def test_sorted_column_is_announced(app, users, team):
    source = signed_in(app, users[Role.MENTOR]).get("/trainees?sort=trend").get_data(
        as_text=True)
    assert 'aria-sort="descending"' in source
    assert 'href="/trainees?sort=trend&amp;order=asc"' in source


# --- certificates -------------------------------------------------------------------------------

def test_certificate_page_for_owner_mentor_managers_and_admins_only(app, users, make_user,
                                                                     library):
    award = certified(app, users)
    other_mentor = make_user(Role.MENTOR)
    outsider = make_user(Role.TRAINEE, mentor=other_mentor)
    for account, status in [(users[Role.TRAINEE], 200), (users[Role.MENTOR], 200),
                            (users[Role.MANAGER], 200), (users[Role.ADMIN], 200),
                            (other_mentor, 404), (outsider, 404)]:
        client = signed_in(app, account)
        assert client.get(f"/certificates/{award.id}").status_code == status, account.email
        assert client.get(f"/certificates/{award.id}.pdf").status_code == status
    page = text_of(signed_in(app, users[Role.TRAINEE]).get(f"/certificates/{award.id}"))
    assert "This certifies that Trainee has reached the rank of Support Operator (L1)" in page
    assert "What was certified" in page and "with 3 graded attempts" in page
    assert f"Verification code: {award.verification_code}" in page
    assert f"http://localhost/verify/{award.verification_code}" in page
    assert "✓ Met 3 of 3 scenarios passed" in page and "Revoke" not in page


def test_certificate_pdf_download(app, users, library):
    award = certified(app, users)
    response = signed_in(app, users[Role.TRAINEE]).get(f"/certificates/{award.id}.pdf")
    assert response.mimetype == "application/pdf" and response.data.startswith(b"%PDF-")
    assert response.headers["Content-Disposition"] == (
        'attachment; filename="frontline-operator-l1-trainee.pdf"')


def test_the_certificate_page_prints_only_the_certificate(app, users, library):
    award = certified(app, users)
    source = signed_in(app, users[Role.TRAINEE]).get(f"/certificates/{award.id}").get_data(
        as_text=True)
    assert 'class="certificate"' in source and source.count('class="card no-print"') == 1
    with open(app.static_folder + "/css/frontline.css") as stylesheet:
        css = stylesheet.read()
    assert re.search(r"@media print \{[^@]*\.no-print, \.flashes \{ display: none", css)


# --- public verification and revocation ---------------------------------------------------------

def test_verification_shows_what_was_certified_and_nothing_private(app, users, library):
    award = certified(app, users)
    response = app.test_client().get(f"/verify/{award.verification_code}")
    page = text_of(response)
    assert response.status_code == 200
    assert re.search(r"Valid Name Trainee Rank Support Operator \(L1\) Awarded \d\d \w+ "
                     r"\d{4} Status valid", page)
    # The rank, the date and the exams that earned it, by scenario title.
    assert "What was certified" in page and "with 3 graded attempts" in page
    titles = [library.scenarios[slug].title for slug in EASY]
    assert all(title in page for title in titles) and page.count(" exam ") >= 3
    source = response.get_data(as_text=True)
    for private in ("trainee@example.com", "Mentor", "scenarios passed", "/certificates/"):
        assert private not in source
    assert '<meta name="robots" content="noindex">' in source


def test_unknown_codes_and_the_lookup_form(app, users, library):
    client = app.test_client()
    missing = client.get("/verify/not-a-real-code-at-all")
    assert missing.status_code == 404 and "No certificate has the code" in text_of(missing)
    lookup = client.get("/verify?code=%20abc%20")
    assert lookup.status_code == 302 and lookup.headers["Location"] == "/verify/abc"
    assert client.get("/verify").status_code == 200


def test_admin_revokes_with_a_reason_and_verification_says_revoked(app, users, library):
    award = certified(app, users)
    admin = signed_in(app, users[Role.ADMIN])
    path = f"/certificates/{award.id}"
    refused = post_form(admin, f"{path}/revoke", {"reason": "  "}, token_from=path)
    assert refused.status_code == 422 and "Write the reason" in text_of(refused)
    assert "Status valid" in text_of(app.test_client().get(f"/verify/{award.verification_code}"))
    done = post_form(admin, f"{path}/revoke", {"reason": "Shared exam answers."},
                     token_from=path)
    assert done.status_code == 302 and done.headers["Location"] == path
    page = text_of(admin.get(path))
    assert "Certificate revoked." in page and "Shared exam answers." in page
    assert "Revoked on" in page and "by Admin" in page
    verdict = text_of(app.test_client().get(f"/verify/{award.verification_code}"))
    assert "Revoked" in verdict and "Shared exam answers" not in verdict
    trainee_page = text_of(signed_in(app, users[Role.TRAINEE]).get("/progress"))
    assert "Current rank: Trainee" in trainee_page
    assert "The certificate for this rank was revoked" in trainee_page


def test_revoking_needs_an_admin_and_a_csrf_token(app, users, library):
    award = certified(app, users)
    path = f"/certificates/{award.id}/revoke"
    manager = signed_in(app, users[Role.MANAGER])
    token = csrf_token(manager, "/home")
    assert manager.post(path, data={"csrf_token": token, "reason": "x"}).status_code == 403
    admin = signed_in(app, users[Role.ADMIN])
    assert admin.post(path, data={"reason": "no token"}).status_code == 400
    with app.app_context():
        assert db.session.get(RankAward, award.id).revoked_at is None


# --- queries per page do not grow with the history ----------------------------------------------

def queries_for(app, client, path: str) -> int:
    client.get(path)  # warm caches (parsed scenarios, compiled templates)
    with counting_queries(app) as statements:
        assert client.get(path).status_code == 200
    return len(statements)


def test_dashboard_queries_do_not_grow_with_the_history(app, users, make_user, library):
    short, long = users[Role.TRAINEE], make_user(Role.TRAINEE, mentor=users[Role.MENTOR])
    add_history(app, short, [{"slug": EASY[0]}])
    slugs = [EASY[n % 3] for n in range(30)]
    add_history(app, long, [{"slug": slug, "day": n // 5, "score": 65} for n, slug in
                            enumerate(slugs)])
    for account in (short, long):
        evaluate(app, account)
    counts = [queries_for(app, signed_in(app, account), "/progress") for account in (short, long)]
    assert counts[0] == counts[1] and counts[0] <= 12, counts
    mentor = signed_in(app, users[Role.MENTOR])
    read_only = [queries_for(app, mentor, f"/trainees/{a.id}/progress") for a in (short, long)]
    assert read_only[0] == read_only[1], read_only


def test_team_view_queries_do_not_grow_with_history_or_team(app, users, make_user, library):
    manager = signed_in(app, users[Role.MANAGER])
    add_history(app, users[Role.TRAINEE], [{"slug": EASY[0]}])
    evaluate(app, users[Role.TRAINEE])
    small = queries_for(app, manager, "/trainees")
    for _ in range(5):
        trainee = make_user(Role.TRAINEE, mentor=users[Role.MENTOR])
        add_history(app, trainee, [{"slug": EASY[k % 3], "day": k} for k in range(30)])
        evaluate(app, trainee)
    make_user(Role.TRAINEE)  # never evaluated
    assert queries_for(app, manager, "/trainees") == small <= 6
