from __future__ import annotations

from flask import abort, flash, make_response, redirect, render_template, request, url_for
from flask_login import current_user
from wtforms import SelectChoice

from trainer.access import roles
from trainer.admin import bp
from trainer.admin.forms import (
    ANY,
    NO_MENTOR,
    NO_TEAM,
    PasswordLinkForm,
    UserCreateForm,
    UserEditForm,
    UserFilterForm,
)
from trainer.admin.teams import mentors, user_search
from trainer.auth.models import Role, User
from trainer.auth.password_links import admin_link
from trainer.auth.services import AccountError, create_user, get_user_or_404, update_user
from trainer.database import db


def mentor_choices(none_label: str = "No mentor") -> list[SelectChoice]:
    return [SelectChoice(NO_MENTOR, none_label)] + [
        SelectChoice(mentor.id, f"{mentor.name} ({mentor.email})")
        for mentor in mentors(active_only=True)
    ]


def chosen_mentor(mentor_id: int) -> User | None:
    """The user picked in a mentor menu; 400 for an id that is no user (a forged form)."""
    if mentor_id == NO_MENTOR:
        return None
    mentor = db.session.get(User, mentor_id)
    if mentor is None:
        abort(400)
    return mentor


def _filter_value(form: UserFilterForm, name: str) -> str:
    """Only values offered in the menu filter; anything else is ignored."""
    field = form[name]
    return field.data if field.data and field.validate(form) else ANY


@bp.route("/users")
@roles(Role.ADMIN)
def users():
    form = UserFilterForm(request.args)
    form.team.choices = [SelectChoice(ANY, "Any team"), SelectChoice(NO_TEAM, "No mentor")] + [
        SelectChoice(str(mentor.id), f"{mentor.name}'s team") for mentor in mentors()
    ]
    text = (form.q.data or "") if form.q.validate(form) else ""
    query = user_search(text, _filter_value(form, "role"), _filter_value(form, "team"))
    return render_template(
        "admin/users.html", form=form, users=db.session.execute(query).scalars().all()
    )


@bp.route("/users/new", methods=["GET", "POST"])
@roles(Role.ADMIN)
def create():
    form = UserCreateForm()
    form.mentor_id.choices = mentor_choices()
    if form.validate_on_submit():
        try:
            user = create_user(
                form.email.data,
                form.name.data,
                Role(form.role.data),
                form.password.data,
                chosen_mentor(form.mentor_id.data),
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
    form.mentor_id.choices = mentor_choices()
    if request.method == "GET":
        form.role.data = user.role.value
        form.mentor_id.data = user.mentor_id or NO_MENTOR
    if form.validate_on_submit():
        try:
            update_user(
                user,
                acting=current_user,
                email=form.email.data,
                name=form.name.data,
                role=Role(form.role.data),
                active=form.active.data,
                can_author=form.can_author.data,
                mentor=chosen_mentor(form.mentor_id.data),
            )
        except AccountError as error:
            db.session.rollback()
            flash(str(error), "error")
        else:
            flash(f"Saved {user.email}.", "success")
            return redirect(url_for("admin.users"))
    return render_template(
        "admin/user_form.html", form=form, user=user, link_form=PasswordLinkForm()
    )


@bp.route("/users/<int:user_id>/password-link", methods=["POST"])
@roles(Role.ADMIN)
def password_link(user_id: int):
    """A new one-time link replaces the user's old one; the page shows it once, to hand over."""
    user = get_user_or_404(user_id)
    if not PasswordLinkForm().validate_on_submit():
        abort(400)
    if not user.active:
        flash(f"{user.email} is deactivated: activate the account first.", "error")
        return redirect(url_for("admin.edit", user_id=user.id))
    response = make_response(
        render_template("admin/password_link.html", user=user, url=admin_link(user))
    )
    response.headers["Cache-Control"] = "no-store"  # not kept for the Back button either
    return response
