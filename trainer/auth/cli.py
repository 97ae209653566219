"""`flask --app trainer users ...`: how the first admin of a real installation is made."""

from __future__ import annotations

import click
from flask.cli import AppGroup

from trainer.auth.models import Role, User
from trainer.auth.services import (
    AccountError,
    create_user,
    find_user_by_email,
    purge_expired_sessions,
)
from trainer.database import db

users_cli = AppGroup("users", help="Create and list user accounts.")


@users_cli.command("create")
@click.option("--email", required=True, help="Sign-in e-mail address.")
@click.option("--name", default=None, help="Display name (defaults to the e-mail's local part).")
@click.option(
    "--role", type=click.Choice([role.value for role in Role]), required=True, help="Account role."
)
@click.option("--mentor", "mentor_email", default=None, help="E-mail of the trainee's mentor.")
@click.password_option(help="Password (asked for when not given).")
def create_command(
    email: str, name: str | None, role: str, mentor_email: str | None, password: str
) -> None:
    """Create an account."""
    mentor = None
    if mentor_email:
        mentor = find_user_by_email(mentor_email)
        if mentor is None:
            raise click.ClickException(f"No account with the e-mail {mentor_email}.")
    try:
        user = create_user(email, name or email.split("@")[0], Role(role), password, mentor)
    except AccountError as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"Created {user.role.label.lower()} {user.email}.")


@users_cli.command("list")
def list_command() -> None:
    """List every account with its role, status and mentor."""
    users = db.session.execute(db.select(User).order_by(User.role, User.email)).scalars()
    for user in users:
        status = "active" if user.active else "deactivated"
        mentor = f" mentor={user.mentor.email}" if user.mentor else ""
        click.echo(f"{user.email}\t{user.role.value}\t{status}\t{user.name}{mentor}")


@users_cli.command("purge-sessions")
def purge_sessions_command() -> None:
    """Delete the sign-in sessions that have expired (run it daily, e.g. from cron)."""
    purged = purge_expired_sessions()
    click.echo(f"Deleted {purged} expired sign-in session{'' if purged == 1 else 's'}.")
