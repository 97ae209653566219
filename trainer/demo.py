"""`flask --app trainer demo ...`: one demo account per role, for local use only.

Their password is public, so production never creates them and refuses them at sign-in and on
every request, even when a database made locally was carried over; `demo remove` deletes them.
"""

from __future__ import annotations

import click
from flask import current_app
from flask.cli import AppGroup

from trainer.auth.models import Role
from trainer.config import PRODUCTION

DEMO_PASSWORD = "frontline-demo"  # noqa: S105 (local demo data, documented in README)
DEMO_ACCOUNTS = [
    ("mentor@frontline.example", "Maya Mentor", Role.MENTOR),
    ("trainee@frontline.example", "Tom Trainee", Role.TRAINEE),
    ("manager@frontline.example", "Hana Hiring", Role.MANAGER),
    ("admin@frontline.example", "Ada Admin", Role.ADMIN),
]
DEMO_EMAILS = frozenset(email for email, _, _ in DEMO_ACCOUNTS)
DEMO_MENTOR_EMAIL = DEMO_ACCOUNTS[0][0]
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
    """Create the demo accounts that do not exist yet (refused in production)."""
    from trainer.auth.services import create_user, find_user_by_email

    if _production():
        raise click.ClickException("Demo accounts are never created in production.")
    for email, name, role in DEMO_ACCOUNTS:
        if find_user_by_email(email) is not None:
            continue
        mentor = find_user_by_email(DEMO_MENTOR_EMAIL) if role is Role.TRAINEE else None
        create_user(email, name, role, DEMO_PASSWORD, mentor)
        click.echo(f"Created demo {role.label.lower()} {email}")


@demo_cli.command("remove")
def remove_command() -> None:
    """Delete the demo accounts (their attempts and sessions go with them)."""
    from trainer.auth.services import delete_accounts

    removed = delete_accounts(DEMO_EMAILS)
    click.echo(f"Removed {removed} demo account{'' if removed == 1 else 's'}.")
