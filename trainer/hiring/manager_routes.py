"""The manager's pages: assignments, invitations, revoking and re-issuing links."""

from __future__ import annotations

from datetime import timedelta

from flask import flash, redirect, render_template, session, url_for
from flask_login import current_user
from sqlalchemy.orm import defer
from wtforms import SelectChoice

from trainer.access import roles
from trainer.auth.models import Role
from trainer.database import db, now_utc
from trainer.hiring import bp
from trainer.hiring.assignments import (
    AssignmentRejected,
    anyone_started,
    assignments_for,
    get_assignment_or_404,
    get_candidate_or_404,
    save_assignment,
)
from trainer.hiring.exam import status_of
from trainer.hiring.forms import ActionForm, AssignmentForm, DeleteCandidateForm, InviteForm
from trainer.hiring.invitations import (
    InvitationRefused,
    NewLink,
    invite,
    reissue,
    revoke,
)
from trainer.hiring.models import DIFFICULTIES, HiringAssignment
from trainer.hiring.retention import delete_candidate_data
from trainer.library.catalogue import current_versions
from trainer.library.models import ScenarioVersion
from trainer.mail import mail_configured

MANAGERS = (Role.MANAGER, Role.ADMIN)


@bp.route("/hiring")
@roles(*MANAGERS)
def assignments():
    rows = db.session.execute(assignments_for(current_user)).scalars().all()
    return render_template("hiring/assignments.html", assignments=rows, now=now_utc())


def _offered_versions(
    assignment: HiringAssignment | None,
) -> tuple[list[ScenarioVersion], list[ScenarioVersion]]:
    """The catalogue's current versions, and older ones the assignment has pinned."""
    current = list(db.session.execute(
        current_versions().options(defer(ScenarioVersion.body))  # the list needs no step
    ).scalars())
    if assignment is None:
        return current, []
    shown = {version.id for version in current}
    return current, [item.scenario_version for item in assignment.scenarios
                     if item.scenario_version_id not in shown]


def _assignment_form(assignment: HiringAssignment | None,
                     versions: list[ScenarioVersion]) -> AssignmentForm:
    form = AssignmentForm(obj=assignment)
    form.version_ids.choices = [SelectChoice(version.id, version.title) for version in versions]
    if form.is_submitted():
        return form
    if assignment is None:
        form.expires_at.data = (now_utc() + timedelta(days=14)).replace(second=0, microsecond=0)
    else:
        form.version_ids.data = [item.scenario_version_id for item in assignment.scenarios]
        for level in DIFFICULTIES:
            getattr(form, f"draw_{level}").data = assignment.draw_mix.get(str(level), 0)
    return form


def _edit(assignment: HiringAssignment | None):
    current, older = _offered_versions(assignment)
    versions = current + older
    form = _assignment_form(assignment, versions)
    status = 200
    if form.validate_on_submit():
        try:
            saved = save_assignment(current_user, form.to_input(), assignment)
        except AssignmentRejected as rejected:
            for name, message in rejected.errors.items():
                field = form.draw_1 if name == "draw_mix" else getattr(form, name)
                field.errors = [*field.errors, message]
        else:
            flash("Assignment saved.", "success")
            return redirect(url_for("hiring.assignment", assignment_id=saved.id))
    if form.errors:
        status = 422
    locked = assignment is not None and anyone_started(assignment)
    return render_template(
        "hiring/assignment_form.html", form=form, assignment=assignment, locked=locked,
        versions={version.id: version for version in versions},
        older={version.id for version in older},
    ), status


@bp.route("/hiring/new", methods=["GET", "POST"])
@roles(*MANAGERS)
def create_assignment():
    return _edit(None)


@bp.route("/hiring/<int:assignment_id>/edit", methods=["GET", "POST"])
@roles(*MANAGERS)
def edit_assignment(assignment_id: int):
    return _edit(get_assignment_or_404(assignment_id))


# A new link waits in the session from the POST that made it to the page that shows it: that
# page can be reloaded without inviting again, and shows the link once (only its hash is stored).
NEW_LINKS = "hiring-new-links"


def _show_once(link: NewLink) -> None:
    waiting = {"candidate": link.candidate.id, "url": link.url, "emailed": link.emailed}
    session[NEW_LINKS] = [*session.get(NEW_LINKS, []), waiting]


def _take_new_links(assignment: HiringAssignment) -> list[NewLink]:
    """The links made for this assignment since its page was last shown, removed from the
    session as they are read."""
    waiting = session.get(NEW_LINKS)
    if not waiting:
        return []
    candidates = {candidate.id: candidate for candidate in assignment.candidates}
    mine = [item for item in waiting if item["candidate"] in candidates]
    rest = [item for item in waiting if item["candidate"] not in candidates]
    if rest:
        session[NEW_LINKS] = rest
    else:
        session.pop(NEW_LINKS)
    return [NewLink(candidates[item["candidate"]], item["url"], item["emailed"]) for item in mine]


def _render_assignment(assignment: HiringAssignment, invite_form: InviteForm, status: int = 200):
    now = now_utc()
    return render_template(
        "hiring/assignment.html",
        assignment=assignment,
        rows=[(candidate, status_of(candidate, now)) for candidate in assignment.candidates],
        invite_form=invite_form,
        action_form=ActionForm(),
        delete_form=DeleteCandidateForm(formdata=None),
        new_links=_take_new_links(assignment),
        mail_on=mail_configured(),
        expired=now >= assignment.expires_at,
    ), status


@bp.route("/hiring/<int:assignment_id>")
@roles(*MANAGERS)
def assignment(assignment_id: int):
    return _render_assignment(get_assignment_or_404(assignment_id), InviteForm(formdata=None))


@bp.route("/hiring/<int:assignment_id>/invite", methods=["POST"])
@roles(*MANAGERS)
def invite_candidate(assignment_id: int):
    assignment = get_assignment_or_404(assignment_id)
    form = InviteForm()
    if form.validate_on_submit():
        try:
            link = invite(assignment, form.name.data, form.email.data)
        except InvitationRefused as refused:
            form.email.errors = [str(refused)]
        else:
            _show_once(link)
            return redirect(url_for("hiring.assignment", assignment_id=assignment.id))
    return _render_assignment(assignment, form, status=422)


@bp.route("/hiring/candidates/<int:candidate_id>/revoke", methods=["POST"])
@roles(*MANAGERS)
def revoke_link(candidate_id: int):
    candidate = get_candidate_or_404(candidate_id)
    try:
        revoke(candidate)
    except InvitationRefused as refused:
        flash(str(refused), "error")
    else:
        flash(f"The link of {candidate.name} no longer works.", "success")
    return redirect(url_for("hiring.assignment", assignment_id=candidate.assignment_id))


@bp.route("/hiring/candidates/<int:candidate_id>/reissue", methods=["POST"])
@roles(*MANAGERS)
def reissue_link(candidate_id: int):
    candidate = get_candidate_or_404(candidate_id)
    try:
        _show_once(reissue(candidate))
    except InvitationRefused as refused:
        flash(str(refused), "error")
    return redirect(url_for("hiring.assignment", assignment_id=candidate.assignment_id))


@bp.route("/hiring/candidates/<int:candidate_id>/delete", methods=["POST"])
@roles(*MANAGERS)
def delete_candidate(candidate_id: int):
    candidate = get_candidate_or_404(candidate_id)
    form = DeleteCandidateForm()
    if not (form.validate_on_submit() and form.confirm.data):
        flash("Nothing was deleted: tick the box to confirm the deletion.", "error")
        return redirect(url_for("hiring.assignment", assignment_id=candidate.assignment_id))
    assignment_id = candidate.assignment_id
    deleted = delete_candidate_data(candidate, current_user)
    flash(f"The candidate's data was deleted ({deleted.attempts} transcripts, "
          f"{deleted.replies} replies, {deleted.signals} signals).", "success")
    return redirect(url_for("hiring.assignment", assignment_id=assignment_id))
