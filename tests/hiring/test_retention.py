"""Deleting a candidate's data, purging assignments past retention, and the audit of both."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.helpers import CandidateBrowser, invite_to, login, post_form
from trainer.auth.models import Role
from trainer.database import db, now_utc
from trainer.hiring.models import (
    Candidate,
    CandidateAttempt,
    HiringAssignment,
    HiringAuditEntry,
    IntegritySignal,
)
from trainer.practice.models import Attempt, Reply


def count(app, model, *where) -> int:
    with app.app_context():
        return db.session.scalar(db.select(db.func.count()).select_from(model).where(*where))


def took_test(app, assignment_id: int, email: str):
    invited = invite_to(app, assignment_id, email=email)
    browser = CandidateBrowser(app, invited.token)
    browser.start()
    form = browser.play_form()
    browser.client.post(f"/test/{invited.token}/signal",
                        data={"csrf_token": form["csrf_token"], "kind": "tab_hidden"})
    browser.finish()
    return invited


def test_a_manager_deletes_a_candidates_data_with_an_audit(app, users, make_assignment):
    assignment_id = make_assignment()
    gone = took_test(app, assignment_id, "gone@example.com")
    kept = took_test(app, assignment_id, "kept@example.com")
    client = app.test_client()
    login(client, users[Role.MANAGER].email)
    page = f"/hiring/candidates/{gone.id}"
    unconfirmed = post_form(client, f"{page}/delete", {}, token_from=page)
    assert unconfirmed.headers["Location"] == f"/hiring/{assignment_id}"
    assert "tick the box to confirm" in client.get(f"/hiring/{assignment_id}").get_data(
        as_text=True)
    assert count(app, Candidate, Candidate.id == gone.id) == 1
    deleted = post_form(client, f"{page}/delete", {"confirm": "y"}, token_from=page)
    assert deleted.headers["Location"] == f"/hiring/{assignment_id}"
    assert count(app, Candidate, Candidate.id == gone.id) == 0
    assert count(app, CandidateAttempt, CandidateAttempt.candidate_id == gone.id) == 0
    assert count(app, IntegritySignal, IntegritySignal.candidate_id == gone.id) == 0
    assert count(app, Attempt) == 2 and count(app, Candidate) == 1  # the other one's remain
    assert count(app, Reply) == count(app, Reply, Reply.attempt_id.in_(
        db.select(CandidateAttempt.attempt_id).where(CandidateAttempt.candidate_id == kept.id)))
    assert client.get(page).status_code == 404
    assert CandidateBrowser(app, gone.token).get().status_code == 404
    with app.app_context():
        entry = db.session.execute(db.select(HiringAuditEntry)).scalar_one()
        assert (entry.actor_id, entry.action, entry.assignment_id) == (
            users[Role.MANAGER].id, "candidate.deleted", assignment_id)
        assert entry.details["attempts"] == 2 and entry.details["signals"] == 1
        assert "gone@example.com" not in str(entry.details)
        entry.action = "tampered"
        with pytest.raises(RuntimeError, match="append-only"):
            db.session.commit()


def test_purge_deletes_only_assignments_past_retention(app, runner, make_assignment):
    old = make_assignment(expires_in=timedelta(days=1))
    recent = make_assignment(expires_in=timedelta(days=1))
    for assignment_id, email in ((old, "old@example.com"), (recent, "recent@example.com")):
        took_test(app, assignment_id, email)
    with app.app_context():
        db.session.get(HiringAssignment, old).expires_at = now_utc() - timedelta(days=200)
        db.session.get(HiringAssignment, recent).expires_at = now_utc() - timedelta(days=100)
        db.session.commit()
    dry = runner.invoke(args=["hiring", "purge", "--dry-run"])
    assert dry.exit_code == 0 and f"would purge #{old}" in dry.output
    assert count(app, HiringAssignment) == 2
    result = runner.invoke(args=["hiring", "purge"])
    assert result.exit_code == 0, result.output
    assert f"purged #{old}: 1 candidates, 2 attempts" in result.output
    assert "1 assignment(s) purged (retention 180 days)" in result.output
    with app.app_context():
        assert [a.id for a in db.session.execute(db.select(HiringAssignment)).scalars()] == [
            recent]
        entry = db.session.execute(db.select(HiringAuditEntry)).scalar_one()
        assert (entry.actor_id, entry.action, entry.assignment_id) == (
            None, "assignment.purged", old)
        assert entry.details["candidates"] == 1 and entry.details["retention_days"] == 180
    assert count(app, Attempt) == 2  # the recent assignment's candidate keeps theirs
    shorter = runner.invoke(args=["hiring", "purge", "--days", "30"])
    assert f"purged #{recent}" in shorter.output and count(app, Attempt) == 0
