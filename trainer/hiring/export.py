"""The results as CSV, in a stable layout: the same columns in the same order for every
assignment and every mode (blind mode leaves names and e-mails empty), one row per candidate."""

from __future__ import annotations

import csv
import io
import re

from flask import Response

from trainer.hiring.models import HiringAssignment
from trainer.hiring.results import CandidateResult
from trainer.practice.models import SignalKind

# The figures of a result, by CSV column suffix and result attribute.
GRADE_FIGURES = {
    "politeness": "politeness", "correctness": "correctness", "completeness": "completeness",
    "overall": "overall", "violations": "violation_count", "passed": "passed",
}

COLUMNS = (
    "candidate", "name", "email", "status", "invited_at", "started_at", "closed_at",
    "time_used_seconds", "scenarios_planned", "scenarios_finished", "politeness", "correctness",
    "completeness", "overall", "violations", "passed", "manually_graded",
    *(f"signals_{kind.value}" for kind in SignalKind),
    # Which grade the figures above are, and the machine's where a manual grade changed them.
    "grade", *(f"machine_{name}" for name in GRADE_FIGURES),
)
# A cell starting like a formula would run in a spreadsheet: it gets a leading apostrophe.
_FORMULA = re.compile(r"^[=+\-@\t\r]")


def _time(value) -> str:
    return value.strftime("%Y-%m-%dT%H:%M:%SZ") if value else ""


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    text = str(value)
    return "'" + text if _FORMULA.match(text) else text


def row_of(result: CandidateResult, blind: bool) -> dict[str, object]:
    candidate = result.candidate
    return {
        "candidate": result.label,
        "name": None if blind else candidate.name,
        "email": None if blind else candidate.email,
        "status": result.status.value,
        "invited_at": _time(candidate.invited_at),
        "started_at": _time(candidate.started_at),
        "closed_at": _time(candidate.closed_at),
        "time_used_seconds": round(result.time_used.total_seconds()) if result.time_used else None,
        "scenarios_planned": len(candidate.plan),
        "scenarios_finished": result.finished_scenarios,
        "politeness": result.politeness,
        "correctness": result.correctness,
        "completeness": result.completeness,
        "overall": result.overall,
        "violations": result.violation_count,
        "passed": result.passed,
        "manually_graded": result.graded,
        **{f"signals_{kind.value}": result.signals.get(kind, 0) for kind in SignalKind},
        "grade": "corrected" if result.corrected else "machine",
        **{
            f"machine_{name}": getattr(result.machine or result, attribute)
            for name, attribute in GRADE_FIGURES.items()
        },
    }


def results_csv(results: list[CandidateResult], blind: bool) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for result in results:
        row = row_of(result, blind)
        writer.writerow([_cell(row[column]) for column in COLUMNS])
    return out.getvalue()


def csv_response(assignment: HiringAssignment, results: list[CandidateResult]) -> Response:
    name = re.sub(r"[^A-Za-z0-9]+", "-", assignment.title).strip("-").lower() or "assignment"
    return Response(
        results_csv(results, assignment.blind),
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{name}-results.csv"'},
    )
