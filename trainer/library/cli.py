"""`flask --app trainer scenarios validate|import|list|recount`."""

from __future__ import annotations

import sys

import click
from flask import current_app
from flask.cli import AppGroup

from scoring.examples import check_examples, count_examples
from scoring.format import Library, ScenarioFormatError, load_library
from scoring.format.endings import open_endings
from scoring.format.redundancy import redundant_phrases
from trainer.database import db
from trainer.library.catalogue import current_versions
from trainer.library.importer import ImportStatus, import_library
from trainer.library.item_statistics.counting import recount

scenarios_cli = AppGroup(
    "scenarios", help="Check, import and list the scenario library; recount its statistics."
)
FORMAT_ERROR_EXIT = 2
EXAMPLE_DISAGREEMENT_EXIT = 1


def _paths(paths: tuple[str, ...]) -> list[str]:
    return list(paths) or [current_app.config["SCENARIO_LIBRARY"]]


def _load_or_exit(paths: list[str]) -> Library:
    """The library, or every error on stderr and exit status 2."""
    try:
        return load_library(paths)
    except ScenarioFormatError as error:
        click.echo(str(error), err=True)
        click.echo(f"Invalid: {error.summary()}.", err=True)
        sys.exit(FORMAT_ERROR_EXIT)


@scenarios_cli.command("validate")
@click.argument("paths", nargs=-1, type=click.Path(exists=True))
@click.option("--strict", is_flag=True, help="Exit with status 1 when an example disagrees.")
@click.option(
    "--warnings", "show_warnings", is_flag=True,
    help="List phrases an item can drop and conversations without a closing message.",
)
def validate_command(paths: tuple[str, ...], strict: bool, show_warnings: bool) -> None:
    """Check scenario files (default: the library) and grade their labelled examples; exit
    status 2 on a format error and, with --strict, 1 when the scorer disagrees with an
    example (every disagreement is listed either way)."""
    library = _load_or_exit(_paths(paths))
    count = len(library.scenarios)
    click.echo(f"OK: {count} scenario{'s' if count != 1 else ''}, no errors.")
    disagreements = check_examples(library)
    for disagreement in disagreements:
        click.echo(str(disagreement), err=True)
    examples = count_examples(library)
    agreed = examples - len({(d.file, d.line) for d in disagreements})
    click.echo(f"Examples: {agreed} of {examples} graded as labelled.")
    shown = "" if show_warnings else " (list them with --warnings)"
    for warnings, noun, said in (
        (redundant_phrases(library), "phrase", "another phrase already matches"),
        (open_endings(library), "ending", "without the customer's closing message"),
    ):
        if show_warnings:
            for warning in warnings:
                click.echo(str(warning), err=True)
        if warnings:
            plural = noun if len(warnings) == 1 else f"{noun}s"
            click.echo(f"Warnings: {len(warnings)} {plural} {said}{shown}.")
    if disagreements and strict:
        sys.exit(EXAMPLE_DISAGREEMENT_EXIT)


@scenarios_cli.command("import")
@click.argument("paths", nargs=-1, type=click.Path(exists=True))
def import_command(paths: tuple[str, ...]) -> None:
    """Import new scenarios and versions; refuse changes without a version bump (exit 2)."""
    report = import_library(_load_or_exit(_paths(paths)))
    for outcome in report.outcomes:
        if outcome.status in (ImportStatus.ADDED, ImportStatus.UPDATED):
            click.echo(f"{outcome.status.value}: {outcome.slug} version {outcome.version}")
    for outcome in report.refused:
        click.echo(f"refused: {outcome.message}", err=True)
    click.echo(f"Imported: {report.summary()}.")
    if report.refused:
        sys.exit(FORMAT_ERROR_EXIT)


@scenarios_cli.command("list")
def list_command() -> None:
    """List the scenarios the catalogue offers, with their current version."""
    for version in db.session.execute(current_versions()).scalars():
        click.echo(
            f"{version.slug}\tv{version.version}\tdifficulty {version.difficulty}\t"
            f"{version.domain}\t{version.persona}\t{version.channel}\t{version.title}"
        )


@scenarios_cli.command("recount")
def recount_command() -> None:
    """Count every finished trainee attempt into the item statistics again (after an upgrade,
    or when a failed count was logged)."""
    counted = recount()
    click.echo(f"Counted {counted} finished attempt{'' if counted == 1 else 's'}.")
