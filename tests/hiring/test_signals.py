"""Integrity signals: recorded while the test runs, shown to the manager as signals."""

from __future__ import annotations

from tests.helpers import CandidateBrowser, invite_to, login
from trainer.auth.models import Role
from trainer.database import db
from trainer.hiring.models import IntegritySignal
from trainer.practice.models import SignalKind


def signal(browser, **data):
    return browser.client.post(f"/test/{browser.token}/signal",
                               data={"csrf_token": browser.csrf, **data})


def test_signals_are_recorded_while_the_test_runs_and_shown_as_signals(app, users,
                                                                      make_assignment):
    assignment_id = make_assignment(blind=False)
    invited = invite_to(app, assignment_id)
    browser = CandidateBrowser(app, invited.token)
    browser.get()
    assert signal(browser, kind="paste", size="80").status_code == 204  # not started: ignored
    browser.start()
    browser.play_form()
    for data in ({"kind": "paste", "size": "312", "position": "1"}, {"kind": "tab_hidden"},
                 {"kind": "focus_lost"}, {"kind": "tab_hidden"}):
        assert signal(browser, **data).status_code == 204
    assert signal(browser, kind="keylogger").status_code == 422
    with app.app_context():
        stored = db.session.execute(db.select(IntegritySignal)).scalars().all()
        assert [s.kind for s in stored] == [SignalKind.PASTE, SignalKind.TAB_HIDDEN,
                                            SignalKind.FOCUS_LOST, SignalKind.TAB_HIDDEN]
        assert stored[0].size == 312 and stored[0].position == 1
    manager = app.test_client()
    login(manager, users[Role.MANAGER].email)
    page = manager.get(f"/hiring/candidates/{invited.id}").get_data(as_text=True)
    assert "Pasted text: 1" in page and "Left the tab: 2" in page
    assert "(312 characters)" in page and "not verdicts" in page
    results = manager.get(f"/hiring/{assignment_id}/results").get_data(as_text=True)
    assert "Left the tab: 2" in results
