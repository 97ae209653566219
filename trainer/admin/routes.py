from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from wtforms import SelectChoice

from trainer.access import roles
from trainer.admin import bp
from trainer.admin.forms import NO_MENTOR, UserCreateForm, UserEditForm
from trainer.auth.models import Role, User
from trainer.auth.services import AccountError, create_user, get_user_or_404, update_user
from trainer.database import db


def _mentor_choices() -> list[SelectChoice]:
    mentors = db.session.execute(
        db.select(User).where(User.role == Role.MENTOR, User.active).order_by(User.name)
    ).scalars()
    return [SelectChoice(NO_MENTOR, "No mentor")] + [
        SelectChoice(mentor.id, f"{mentor.name} ({mentor.email})") for mentor in mentors
    ]


def _chosen_mentor(mentor_id: int) -> User | None:
    if mentor_id == NO_MENTOR:
        return None
    mentor = db.session.get(User, mentor_id)
    if mentor is None:
        abort(400)
    return mentor


@bp.route("/users")
@roles(Role.ADMIN)
def users():
    role = request.args.get("role")
    query = db.select(User).order_by(User.active.desc(), User.role, User.name)
    if role in Role.__members__.values():
        query = query.where(User.role == Role(role))
    return render_template(
        "admin/users.html", users=db.session.execute(query).scalars().all(), role_filter=role
    )


@bp.route("/users/new", methods=["GET", "POST"])
@roles(Role.ADMIN)
def create():
    form = UserCreateForm()
    form.mentor_id.choices = _mentor_choices()
    if form.validate_on_submit():
        try:
            user = create_user(
                form.email.data,
                form.name.data,
                Role(form.role.data),
                form.password.data,
                _chosen_mentor(form.mentor_id.data),
            )
        except AccountError as error:
            flash(str(error), "error")
        else:
            flash(f"Account created for {user.email}.", "success")
            return redirect(url_for("admin.users"))
    return render_template("admin/user_form.html", form=form, user=None)


@bp.route("/users/<int:user_id>", methods=["GET", "POST"])
@roles(Role.ADMIN)
def edit(user_id: int):
    user = get_user_or_404(user_id)
    form = UserEditForm(obj=user if request.method == "GET" else None)
    form.mentor_id.choices = _mentor_choices()
    if request.method == "GET":
        form.role.data = user.role.value
        form.mentor_id.data = user.mentor_id or NO_MENTOR
    if form.validate_on_submit():
        try:
            update_user(
                user,
                acting=current_user,
                name=form.name.data,
                role=Role(form.role.data),
                active=form.active.data,
                can_author=form.can_author.data,
                mentor=_chosen_mentor(form.mentor_id.data),
            )
        except AccountError as error:
            db.session.rollback()
            flash(str(error), "error")
        else:
            flash(f"Saved {user.email}.", "success")
            return redirect(url_for("admin.users"))
    return render_template("admin/user_form.html", form=form, user=user)


@bp.route("/teams")
@roles(Role.ADMIN)
def teams():
    mentors = db.session.execute(
        db.select(User).where(User.role == Role.MENTOR).order_by(User.name)
    ).scalars()
    unassigned = db.session.execute(
        db.select(User)
        .where(User.role == Role.TRAINEE, User.mentor_id.is_(None))
        .order_by(User.name)
    ).scalars()
    return render_template("admin/teams.html", mentors=mentors.all(), unassigned=unassigned.all())
