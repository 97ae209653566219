"""`flask --app trainer scoring export|rescore|rebuild`: measuring the scorer on real reviews."""

from __future__ import annotations

import click
from flask.cli import AppGroup

from trainer.calibration.export import export_lines
from trainer.calibration.rescore import COMPARED, RescoreReport, rescore
from trainer.calibration.reviewed import rebuild

scoring_cli = AppGroup("scoring", help="Measure the scorer against the mentors' reviews.")
MAX_FLIPS_LISTED = 20
REFUSE_WRITE = (
    "Stored grades are never overwritten: a reply keeps the grade it was given. "
    "Run `flask --app trainer scoring rescore --dry-run` to see what the current scorer "
    "would change."
)


@scoring_cli.command("export")
@click.option("-o", "--output", type=click.File("w", encoding="utf-8"), default="-",
              help="file to write (default: standard output)")
@click.option("--corrected-only", is_flag=True, help="only turns the mentor corrected")
def export_command(output, corrected_only: bool) -> None:
    """Write every reviewed turn as a JSON line for `python -m scoring`, with the labels."""
    count = 0
    for line in export_lines(corrected_only):
        output.write(line)
        count += 1
    click.echo(f"Exported {_count(count, 'reviewed turn')}.", err=True)


@scoring_cli.command("rescore")
@click.option("--dry-run", is_flag=True, help="report the changes (required: nothing is written)")
@click.option("--scenario", "slugs", multiple=True, metavar="SLUG",
              help="only attempts at this scenario (repeatable)")
def rescore_command(dry_run: bool, slugs: tuple[str, ...]) -> None:
    """Score every stored reply again with the current scorer and report what would change."""
    if not dry_run:
        raise click.UsageError(REFUSE_WRITE)
    for line in report_lines(rescore(slugs)):
        click.echo(line)


@scoring_cli.command("rebuild")
def rebuild_command() -> None:
    """Recount the reviewed turns the calibration page reads, from the stored reviews."""
    click.echo(f"Rebuilt {_count(rebuild(), 'reviewed turn')}.")


def report_lines(report: RescoreReport) -> list[str]:
    """The dry run's report as the command prints it."""
    lines = [
        f"Scored {_count(report.replies, 'reply', 'replies')} of "
        f"{_count(report.attempts, 'attempt')} again with scorer "
        f"{report.scorer_version} (dry run: nothing was written).",
        f"Grades that would change: {report.changed} of {report.replies}.",
    ]
    if report.skipped:
        lines.append(f"Skipped {_count(report.skipped, 'reply', 'replies')} whose step is not "
                     "in its scenario version.")
    header = f"{'stored scorer':<14} {'score':<16} {'replies':>8} {'changed':>8} " \
             f"{'mean change':>12} {'max change':>11}"
    lines += ["", header]
    for version, section in sorted(report.by_version.items()):
        for name in COMPARED:
            change = section.scores[name]
            lines.append(f"{version:<14} {name:<16} {change.replies:>8} {change.changed:>8} "
                         f"{change.mean:>+12.2f} {change.largest:>11}")
    to_fail = sum(1 for flip in report.flips if not flip.now_passed)
    lines += ["", f"Pass/fail would flip for {_count(len(report.flips), 'finished attempt')} "
                  f"({to_fail} pass -> fail, {len(report.flips) - to_fail} fail -> pass)."]
    for flip in report.flips[:MAX_FLIPS_LISTED]:
        was, now = (("passed" if passed else "not passed") for passed in
                    (flip.was_passed, flip.now_passed))
        lines.append(f"  attempt {flip.attempt_id} ({flip.scenario}): {was} -> {now}")
    if len(report.flips) > MAX_FLIPS_LISTED:
        lines.append(f"  ... and {len(report.flips) - MAX_FLIPS_LISTED} more")
    agreement = report.agreement()
    reviewed = agreement["politeness"][0].pairs
    lines += ["", f"Agreement with the mentors on {_count(reviewed, 'reviewed turn')} "
                  "(quadratic-weighted kappa, stored -> rescored):"]
    for name, (stored, rescored) in agreement.items():
        lines.append(f"  {name:<13} {_kappa(stored.kappa)} -> {_kappa(rescored.kappa)}")
    return lines


def _kappa(value: float | None) -> str:
    return "undefined" if value is None else f"{value:.2f}"


def _count(number: int, noun: str, plural: str | None = None) -> str:
    return f"{number} {noun if number == 1 else plural or noun + 's'}"
