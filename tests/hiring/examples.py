"""Example hiring objects for the role x route matrix: the manager's assignment, a candidate
invited but not started (for the manager's actions) and one who started (whose link is used)."""

from __future__ import annotations

from datetime import timedelta

from trainer.auth.models import Role, User
from trainer.database import db, now_utc
from trainer.hiring.assignments import AssignmentInput, save_assignment
from trainer.hiring.exam import open_link, start_test
from trainer.hiring.invitations import invite
from trainer.hiring.models import Selection
from trainer.library.catalogue import get_current_version_or_404


def hiring_arguments(app, users) -> dict[str, object]:
    with app.test_request_context():
        manager = db.session.get(User, users[Role.MANAGER].id)
        assignment = save_assignment(manager, AssignmentInput(
            "Example test", "Answer.", Selection.FIXED,
            [get_current_version_or_404("hosting-ssl-expired").id], 30,
            now_utc() + timedelta(days=1)))
        waiting = invite(assignment, "Waiting Candidate", "waiting@example.com")
        started = invite(assignment, "Started Candidate", "started@example.com")
        token = started.url.rsplit("/", 1)[1]
        start_test(open_link(token))
        return {"assignment_id": assignment.id, "candidate_id": waiting.candidate.id,
                "token": token}
