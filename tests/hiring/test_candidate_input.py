"""A candidate's link takes any input without a 500 and loses no reply: positions past the
database's range or not a number at all are refused like an out-of-date page, and a reply late
in a long test or with a refused token is kept."""

from __future__ import annotations

from datetime import timedelta

from tests.app.test_page_expiry import loaded_ago
from tests.helpers import CSRF_FIELD, CandidateBrowser, invite_to
from trainer.bounds import MAX_DB_INT
from trainer.errors import PAGE_EXPIRED_REPLY_KEPT


def test_a_signal_for_a_position_past_the_range_is_refused(app, make_assignment):
    browser = CandidateBrowser(app, invite_to(app, make_assignment()).token)
    browser.start()
    browser.play_form()
    response = browser.client.post(f"/test/{browser.token}/signal", data={
        "csrf_token": browser.csrf, "kind": "paste", "size": "3", "position": str(MAX_DB_INT + 1),
    })
    assert response.status_code == 422


def test_a_reply_for_an_unreadable_or_huge_position_keeps_the_text(app, make_assignment):
    browser = CandidateBrowser(app, invite_to(app, make_assignment()).token)
    browser.start()
    for position in ("²", str(2**63)):
        form = {**browser.play_form(), "position": position}
        response = browser.send("My typed answer", form)
        assert response.status_code == 422
        assert "My typed answer" in response.get_data(as_text=True)


def test_a_reply_from_a_page_loaded_near_the_end_of_a_long_test_is_recorded(app,
                                                                           make_assignment):
    browser = CandidateBrowser(app, invite_to(app, make_assignment(minutes=480)).token)
    with loaded_ago(timedelta(minutes=470)):
        browser.start()
        form = browser.play_form()
    assert browser.send("Sorry for the trouble! Which domain is it?", form).status_code == 302


def test_a_refused_token_shows_the_candidate_s_reply_again(app, make_assignment):
    browser = CandidateBrowser(app, invite_to(app, make_assignment()).token)
    browser.start()
    response = browser.send("My typed answer", {**browser.play_form(), "csrf_token": "old"})
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert PAGE_EXPIRED_REPLY_KEPT in page and "My typed answer</textarea>" in page
    again = {**browser.play_form(), "csrf_token": CSRF_FIELD.search(page).group(1)}
    assert browser.send("My typed answer", again).status_code == 302
