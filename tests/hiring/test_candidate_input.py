"""A candidate's link takes any input without a 500: positions past the database's range or
not a number at all are refused like an out-of-date page."""

from __future__ import annotations

from tests.helpers import CandidateBrowser, invite_to
from trainer.bounds import MAX_DB_INT


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
