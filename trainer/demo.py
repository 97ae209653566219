"""`flask --app trainer demo accounts`: one demo account per role, for local use only."""

from __future__ import annotations

import click
from flask import current_app
from flask.cli import AppGroup

from trainer.auth.models import Role
from trainer.auth.services import create_user, find_user_by_email
from trainer.config import PRODUCTION

DEMO_PASSWORD = "frontline-demo"  # noqa: S105 (local demo data, documented in README)
DEMO_ACCOUNTS = [
    ("mentor@frontline.example", "Maya Mentor", Role.MENTOR),
    ("trainee@frontline.example", "Tom Trainee", Role.TRAINEE),
    ("manager@frontline.example", "Hana Hiring", Role.MANAGER),
    ("admin@frontline.example", "Ada Admin", Role.ADMIN),
]
DEMO_MENTOR_EMAIL = DEMO_ACCOUNTS[0][0]

demo_cli = AppGroup("demo", help="Demo data for local use.")


@demo_cli.command("accounts")
def accounts_command() -> None:
    """Create the demo accounts that do not exist yet (refused in production)."""
    if current_app.config["FRONTLINE_ENV"] == PRODUCTION:
        raise click.ClickException("Demo accounts are never created in production.")
    for email, name, role in DEMO_ACCOUNTS:
        if find_user_by_email(email) is not None:
            continue
        mentor = find_user_by_email(DEMO_MENTOR_EMAIL) if role is Role.TRAINEE else None
        create_user(email, name, role, DEMO_PASSWORD, mentor)
        click.echo(f"Created demo {role.label.lower()} {email}")
