"""`flask --app trainer demo ...`: demo accounts with some history, for local use only.

Their password is public, so production never creates them and refuses them at sign-in and on
every request, even when a database made locally was carried over; `demo remove` deletes them
with everything they did (trainer.demo.history says what that is).
"""

from __future__ import annotations

from typing import NamedTuple

import click
from flask import current_app
from flask.cli import AppGroup

from trainer.auth.models import Role
from trainer.config import PRODUCTION

DEMO_PASSWORD = "frontline-demo"  # noqa: S105 (local demo data, documented in README)


class DemoAccount(NamedTuple):
    email: str
    name: str
    role: Role
    mentor_email: str | None = None


MAYA = "mentor@frontline.example"
OMAR = "mentor2@frontline.example"
TOM = "trainee@frontline.example"
LENA = "trainee2@frontline.example"
RAVI = "trainee3@frontline.example"
ADMIN = "admin@frontline.example"
# Mentors first: a trainee's mentor must exist before the trainee.
DEMO_ACCOUNTS = [
    DemoAccount(MAYA, "Maya Mentor", Role.MENTOR),
    DemoAccount(OMAR, "Omar Osei", Role.MENTOR),
    DemoAccount(TOM, "Tom Trainee", Role.TRAINEE, MAYA),
    DemoAccount(LENA, "Lena Lindqvist", Role.TRAINEE, MAYA),
    DemoAccount(RAVI, "Ravi Rao", Role.TRAINEE, OMAR),
    DemoAccount("manager@frontline.example", "Hana Hiring", Role.MANAGER),
    DemoAccount(ADMIN, "Ada Admin", Role.ADMIN),
]
DEMO_EMAILS = frozenset(account.email for account in DEMO_ACCOUNTS)
REMOVE_COMMAND = "flask --app trainer demo remove"
DEMO_DISABLED = (
    "Demo accounts are disabled in production. An administrator removes them with: "
    + REMOVE_COMMAND
)

demo_cli = AppGroup("demo", help="Demo data for local use.")


def _production() -> bool:
    return current_app.config["FRONTLINE_ENV"] == PRODUCTION


def demo_refused(email: str) -> bool:
    """True for a demo account's e-mail in production, where its public password must not work."""
    return email in DEMO_EMAILS and _production()


@demo_cli.command("accounts")
def accounts_command() -> None:
    """Create the demo accounts that do not exist yet, and their history once (refused in
    production)."""
    from trainer.auth.services import create_user, find_user_by_email
    from trainer.demo.history import create_history

    if _production():
        raise click.ClickException("Demo accounts are never created in production.")
    accounts, shared_hash = {}, None
    for account in DEMO_ACCOUNTS:
        user = find_user_by_email(account.email)
        if user is None:
            mentor = accounts.get(account.mentor_email)
            if mentor is not None and (mentor.role is not Role.MENTOR or not mentor.active):
                mentor = None  # changed by hand since: the trainee starts without a team
            user = create_user(account.email, account.name, account.role, DEMO_PASSWORD, mentor,
                               password_hash=shared_hash)
            shared_hash = user.password_hash  # one password: hashed once, not seven times
            click.echo(f"Created demo {account.role.label.lower()} {account.email}")
        accounts[account.email] = user
    for line in create_history(accounts):
        click.echo(line)


@demo_cli.command("remove")
def remove_command() -> None:
    """Delete the demo accounts with everything they did (attempts, reviews, disputes, ranks,
    calibration sessions on their transcripts, sessions)."""
    from trainer.auth.services import delete_accounts
    from trainer.calibration.reviewed import rebuild

    removed = delete_accounts(DEMO_EMAILS)
    rebuild()  # the calibration counts forget the demo reviews too
    click.echo(f"Removed {removed} demo account{'' if removed == 1 else 's'}.")
