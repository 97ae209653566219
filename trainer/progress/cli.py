"""`flask --app trainer ranks validate|show|evaluate`."""

from __future__ import annotations

import sys

import click
from flask.cli import AppGroup

from trainer.progress.ladder import LadderFormatError, load_ladder_file
from trainer.progress.services import current_ladder, evaluate_everyone

ranks_cli = AppGroup("ranks", help="Check the rank ladder and evaluate trainees against it.")
FORMAT_ERROR_EXIT = 2


@ranks_cli.command("validate")
@click.argument("path", required=False, type=click.Path(exists=True, dir_okay=False))
def validate_command(path: str | None) -> None:
    """Check a ladder file (default: the one in use); exit status 2 on any error."""
    if path is None:
        ladder = current_ladder()  # the app only starts with a valid ladder
    else:
        try:
            ladder = load_ladder_file(path)
        except LadderFormatError as error:
            click.echo(str(error), err=True)
            click.echo(f"Invalid: {error.summary()}.", err=True)
            sys.exit(FORMAT_ERROR_EXIT)
    click.echo(f"OK: {len(ladder.ranks)} ranks, no errors.")


@ranks_cli.command("show")
def show_command() -> None:
    """List the ranks in use and what each requires."""
    for level, rank in enumerate(current_ladder().ranks):
        click.echo(f"{level}\t{rank.id}\t{rank.name}")
        for requirement in rank.requirements:
            details = requirement.model_dump(exclude={"kind"}, exclude_none=True, mode="json")
            click.echo(f"\t- {requirement.kind} {details if details else ''}".rstrip())


@ranks_cli.command("evaluate")
def evaluate_command() -> None:
    """Evaluate every active trainee now (after editing the ladder): award due ranks and
    refresh the team view."""
    trainees, awarded = evaluate_everyone()
    click.echo(f"Evaluated {trainees} trainees; {awarded} new rank{'s' if awarded != 1 else ''}.")
