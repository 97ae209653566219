"""Creating and changing assignments, and who may see which: managers their own, admins all."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime

from flask import abort
from flask_login import current_user
from sqlalchemy import Select

from trainer.auth.models import Role, User
from trainer.database import db, now_utc
from trainer.hiring.drawing import mix_problem, plan_for
from trainer.hiring.models import (
    AssignmentScenario,
    Candidate,
    CandidateAttempt,
    HiringAssignment,
    Selection,
)
from trainer.library.models import ScenarioVersion

SETTINGS = ("title", "instructions", "selection", "draw_mix", "time_limit_minutes", "expires_at",
            "pass_overall", "pass_each_dimension", "pass_max_violations", "share_scores", "blind")
# What may not change once a candidate has started: it would make their tests incomparable.
LOCKED_ONCE_STARTED = ("selection", "version_ids", "draw_mix", "time_limit_minutes")


class AssignmentRejected(ValueError):
    """Nothing was saved; `errors` maps a form field to its message."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("; ".join(errors.values()))
        self.errors = errors


@dataclass
class AssignmentInput:
    title: str
    instructions: str
    selection: Selection
    version_ids: list[int]
    time_limit_minutes: int
    expires_at: datetime
    draw_mix: dict[str, int] = field(default_factory=dict)
    pass_overall: int = 70
    pass_each_dimension: int = 60
    pass_max_violations: int = 0
    share_scores: bool = False
    blind: bool = True


def assignments_for(user: User) -> Select:
    """The assignments the user may see, newest first: all for an admin, else their own."""
    query = db.select(HiringAssignment).order_by(
        HiringAssignment.created_at.desc(), HiringAssignment.id.desc()
    )
    if user.role is not Role.ADMIN:
        query = query.where(HiringAssignment.owner_id == user.id)
    return query


def may_manage(assignment: HiringAssignment, user: User) -> bool:
    return user.role is Role.ADMIN or assignment.owner_id == user.id


def get_assignment_or_404(assignment_id: int) -> HiringAssignment:
    """The assignment if the signed-in user owns it or is an admin; 404 otherwise, so nobody
    learns which assignments exist."""
    assignment = db.get_or_404(HiringAssignment, assignment_id)
    if not may_manage(assignment, current_user):
        abort(404)
    return assignment


def get_candidate_or_404(candidate_id: int) -> Candidate:
    """The candidate if the signed-in user may manage their assignment; 404 otherwise."""
    candidate = db.get_or_404(Candidate, candidate_id)
    if not may_manage(candidate.assignment, current_user):
        abort(404)
    return candidate


def get_candidate_attempt_or_404(attempt_id: int) -> CandidateAttempt:
    """The candidate's attempt if the signed-in user may manage the assignment; else 404."""
    link = db.one_or_404(
        db.select(CandidateAttempt).where(CandidateAttempt.attempt_id == attempt_id)
    )
    if not may_manage(link.candidate.assignment, current_user):
        abort(404)
    return link


def anyone_started(assignment: HiringAssignment) -> bool:
    return any(candidate.started for candidate in assignment.candidates)


def _versions(version_ids: list[int]) -> list[ScenarioVersion]:
    found = db.session.execute(
        db.select(ScenarioVersion).where(ScenarioVersion.id.in_(version_ids))
    ).scalars()
    by_id = {version.id: version for version in found}
    return [by_id[version_id] for version_id in dict.fromkeys(version_ids) if version_id in by_id]


def _problems(
    data: AssignmentInput, versions: list[ScenarioVersion], assignment: HiringAssignment | None,
    now: datetime,
) -> dict[str, str]:
    errors: dict[str, str] = {}
    if not versions:
        errors["version_ids"] = "Choose at least one scenario."
    elif data.selection is Selection.POOL:
        problem = mix_problem([version.difficulty for version in versions], data.draw_mix)
        if problem:
            errors["draw_mix"] = problem
    changed_expiry = assignment is None or data.expires_at != assignment.expires_at
    if changed_expiry and data.expires_at <= now:
        errors["expires_at"] = "The expiry date must be in the future."
    if assignment is not None and anyone_started(assignment):
        for name in LOCKED_ONCE_STARTED:
            if _current(assignment, name) != getattr(data, name):
                errors[name] = ("A candidate has started: the scenarios and the time limit stay "
                                "as they are, so every candidate takes the same test.")
    return errors


def _current(assignment: HiringAssignment, name: str):
    if name == "version_ids":
        return [item.scenario_version_id for item in assignment.scenarios]
    return getattr(assignment, name)


def save_assignment(
    owner: User, data: AssignmentInput, assignment: HiringAssignment | None = None,
    now: datetime | None = None,
) -> HiringAssignment:
    """Create the assignment (or change `assignment`) and commit; candidates not yet started
    get their scenarios drawn again. Raises AssignmentRejected with nothing saved."""
    mix = {level: count for level, count in data.draw_mix.items() if count}
    data = replace(data, draw_mix=mix if data.selection is Selection.POOL else {})
    versions = _versions(data.version_ids)
    errors = _problems(data, versions, assignment, now or now_utc())
    if errors:
        raise AssignmentRejected(errors)
    if assignment is None:
        assignment = HiringAssignment(owner=owner)
        db.session.add(assignment)
    for name in SETTINGS:
        setattr(assignment, name, getattr(data, name))
    if _current(assignment, "version_ids") != [version.id for version in versions]:
        assignment.scenarios.clear()
        db.session.flush()  # the old rows go first: positions are unique per assignment
        assignment.scenarios.extend(
            AssignmentScenario(scenario_version=version, position=number)
            for number, version in enumerate(versions, start=1)
        )
    db.session.flush()
    for candidate in assignment.candidates:
        if not candidate.started:
            candidate.plan = plan_for(assignment, candidate)
    db.session.commit()
    return assignment
