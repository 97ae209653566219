"""`flask --app trainer hiring purge`: delete assignments past their retention period."""

from __future__ import annotations

import click
from flask import current_app
from flask.cli import AppGroup

from trainer.hiring.retention import purge, purge_due

hiring_cli = AppGroup("hiring", help="Hiring test assignments: data retention.")


@hiring_cli.command("purge")
@click.option("--days", type=click.IntRange(min=0), default=None,
              help="Retention period in days after the links expired "
                   "(default: HIRING_RETENTION_DAYS, 180).")
@click.option("--dry-run", is_flag=True, help="List what would be deleted; delete nothing.")
def purge_command(days: int | None, dry_run: bool) -> None:
    """Delete assignments whose links expired more than the retention period ago, with their
    candidates, transcripts, grades and signals; each deletion is audited."""
    retention = current_app.config["HIRING_RETENTION_DAYS"] if days is None else days
    if dry_run:
        due = purge_due(retention)
        for assignment in due:
            click.echo(f"would purge #{assignment.id} {assignment.title!r} (expired "
                       f"{assignment.expires_at:%Y-%m-%d}, "
                       f"{len(assignment.candidates)} candidates)")
        click.echo(f"{len(due)} assignment(s) past {retention} days; nothing deleted (dry run).")
        return
    done = purge(retention)
    for assignment_id, deleted in done:
        click.echo(f"purged #{assignment_id}: {deleted.candidates} candidates, "
                   f"{deleted.attempts} attempts, {deleted.replies} replies, "
                   f"{deleted.signals} signals")
    click.echo(f"{len(done)} assignment(s) purged (retention {retention} days).")
