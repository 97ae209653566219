"""The teams page: every mentor's team, moving a trainee, handing a team to another mentor."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from wtforms import SelectChoice

from trainer.access import roles
from trainer.admin import bp
from trainer.admin.forms import NO_MENTOR, HandOverTeamForm, MoveTraineeForm
from trainer.admin.routes import chosen_mentor, mentor_choices
from trainer.admin.teams import hand_over_team, mentors, move_trainee, unassigned_trainees
from trainer.auth.models import Role, User
from trainer.auth.services import AccountError, get_user_or_404


def move_form(trainee: User, choices: list[SelectChoice]) -> MoveTraineeForm:
    """The trainee's own form (a prefix keeps the ids of the page's many forms apart)."""
    form = MoveTraineeForm(prefix=f"trainee-{trainee.id}")
    form.mentor_id.choices = choices
    form.mentor_id.label.text = f"Move {trainee.name} to"
    if not form.is_submitted():
        form.mentor_id.data = trainee.mentor_id or NO_MENTOR
    return form


def hand_over_form(mentor: User, active_mentors: list[User]) -> HandOverTeamForm:
    form = HandOverTeamForm(prefix=f"team-{mentor.id}")
    form.successor_id.choices = [
        SelectChoice(other.id, f"{other.name} ({other.email})")
        for other in active_mentors if other.id != mentor.id
    ]
    form.successor_id.label.text = f"Hand {mentor.name}'s team to"
    return form


def _move_choices() -> list[SelectChoice]:
    return mentor_choices("No mentor (out of every team)")


@bp.route("/teams")
@roles(Role.ADMIN)
def teams():
    """Every menu's choices are read once for the whole page, however many trainees."""
    choices, active_mentors = _move_choices(), mentors(active_only=True)
    return render_template(
        "admin/teams.html", mentors=mentors(with_trainees=True), unassigned=unassigned_trainees(),
        move_form=lambda trainee: move_form(trainee, choices),
        hand_over_form=lambda mentor: hand_over_form(mentor, active_mentors),
    )


@bp.route("/teams/trainees/<int:user_id>", methods=["POST"])
@roles(Role.ADMIN)
def move(user_id: int):
    trainee = get_user_or_404(user_id)
    form = move_form(trainee, _move_choices())
    if not form.validate_on_submit():
        flash(f"Choose the mentor to move {trainee.name} to.", "error")
        return redirect(url_for("admin.teams"))
    mentor = chosen_mentor(form.mentor_id.data)
    try:
        move_trainee(trainee, mentor)
    except AccountError as error:
        flash(str(error), "error")
    else:
        where = f"{mentor.name}'s team" if mentor else "no team"
        flash(f"{trainee.name} is now in {where}.", "success")
    return redirect(url_for("admin.teams"))


@bp.route("/teams/<int:user_id>/hand-over", methods=["POST"])
@roles(Role.ADMIN)
def hand_over(user_id: int):
    """404 unless `user_id` is a mentor: only a mentor has a team to hand over."""
    mentor = get_user_or_404(user_id)
    if mentor.role is not Role.MENTOR:
        abort(404)
    form = hand_over_form(mentor, mentors(active_only=True))
    if not form.validate_on_submit():
        flash(f"Choose the mentor who takes over {mentor.name}'s team.", "error")
        return redirect(url_for("admin.teams"))
    successor = chosen_mentor(form.successor_id.data)
    try:
        moved = hand_over_team(mentor, successor)
    except AccountError as error:
        flash(str(error), "error")
    else:
        flash(f"{successor.name} now mentors {moved} more trainee{'' if moved == 1 else 's'}, "
              f"from {mentor.name}'s team.", "success")
    return redirect(url_for("admin.teams"))
