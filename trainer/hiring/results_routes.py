"""The manager's results: the sortable table, a candidate's graded transcripts, two candidates
side by side, blind mode, the CSV export and manual grading through the mentor review pages."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from trainer.access import roles
from trainer.auth.models import Role
from trainer.bounds import db_int
from trainer.database import db
from trainer.hiring import bp
from trainer.hiring.assignments import (
    get_assignment_or_404,
    get_candidate_attempt_or_404,
    get_candidate_or_404,
)
from trainer.hiring.comparison import side_by_side
from trainer.hiring.export import csv_response
from trainer.hiring.forms import ActionForm, DeleteCandidateForm
from trainer.hiring.results import (
    NUMBER_KEYS,
    SORT_KEYS,
    SORT_LABELS,
    assignment_results,
    pseudonym,
    results_of,
    sorted_results,
)
from trainer.practice.models import Attempt
from trainer.practice.presenters import turns
from trainer.review.pages import review_page
from trainer.review.presenters import transcript_notes

MANAGERS = (Role.MANAGER, Role.ADMIN)
MIN_COMPARED, MAX_COMPARED = 2, 4  # more columns would not fit a screen


@bp.route("/hiring/<int:assignment_id>/results")
@roles(*MANAGERS)
def results(assignment_id: int):
    assignment = get_assignment_or_404(assignment_id)
    key = request.args.get("sort", "overall")
    key = key if key in SORT_KEYS else "overall"
    descending = request.args.get("order", "desc" if key == "overall" else "asc") == "desc"
    rows = sorted_results(assignment_results(assignment), key, descending, assignment.blind)
    return render_template(
        "hiring/results.html", assignment=assignment, rows=rows, sort=key,
        descending=descending, form=ActionForm(), sort_labels=SORT_LABELS, number_keys=NUMBER_KEYS,
    )


@bp.route("/hiring/<int:assignment_id>/names", methods=["POST"])
@roles(*MANAGERS)
def reveal(assignment_id: int):
    """Show or hide names and e-mails in the results (blind mode), for this assignment."""
    assignment = get_assignment_or_404(assignment_id)
    assignment.blind = request.form.get("names") != "show"
    db.session.commit()
    flash("Names are hidden." if assignment.blind else "Names and e-mails are shown.", "info")
    return redirect(url_for("hiring.results", assignment_id=assignment.id))


def _with_transcripts(result):
    """Each scenario's turns and saved manual grade, for the transcript page."""
    return [
        (scenario, turns(scenario.attempt) if scenario.attempt else [],
         transcript_notes(scenario.attempt) if scenario.attempt else None)
        for scenario in result.scenarios
    ]


@bp.route("/hiring/candidates/<int:candidate_id>")
@roles(*MANAGERS)
def candidate(candidate_id: int):
    found = get_candidate_or_404(candidate_id)
    result = results_of([found])[0]
    return render_template(
        "hiring/candidate.html", assignment=found.assignment, result=result,
        scenarios=_with_transcripts(result), delete_form=DeleteCandidateForm(formdata=None),
    )


@bp.route("/hiring/<int:assignment_id>/compare")
@roles(*MANAGERS)
def compare(assignment_id: int):
    assignment = get_assignment_or_404(assignment_id)
    chosen = list(dict.fromkeys(request.args.getlist("candidate", type=db_int)))
    by_id = {} if len(chosen) > MAX_COMPARED else {
        row.candidate.id: row for row in assignment_results(assignment, chosen)}
    if not MIN_COMPARED <= len(by_id) <= MAX_COMPARED:
        flash(f"Tick {MIN_COMPARED} to {MAX_COMPARED} candidates to compare them.", "error")
        return redirect(url_for("hiring.results", assignment_id=assignment.id))
    results = [by_id[candidate_id] for candidate_id in chosen if candidate_id in by_id]
    return render_template("hiring/compare.html", assignment=assignment, results=results,
                           scenarios=side_by_side(results))


@bp.route("/hiring/<int:assignment_id>/export.csv")
@roles(*MANAGERS)
def export(assignment_id: int):
    assignment = get_assignment_or_404(assignment_id)
    return csv_response(assignment, assignment_results(assignment))


@bp.route("/hiring/attempts/<int:attempt_id>/grade", methods=["GET", "POST"])
@roles(*MANAGERS)
def grade(attempt_id: int):
    """Manual grading of one scenario, with the mentor review's form: its owner writes, admins
    read."""
    link = get_candidate_attempt_or_404(attempt_id)
    attempt: Attempt = link.attempt
    assignment = link.candidate.assignment
    owner = assignment.owner_id == current_user.id
    if request.method == "POST" and not owner:
        abort(404)  # admins read the grades; only the assignment's manager writes them
    back = url_for("hiring.candidate", candidate_id=link.candidate_id, _anchor=f"s{link.position}")
    if not attempt.finished:
        flash("A scenario can be graded once the candidate has finished it.", "info")
        return redirect(back)
    subject = pseudonym(link.candidate) if assignment.blind else link.candidate.name
    return review_page(
        attempt, read_only=not owner,
        action=url_for("hiring.grade", attempt_id=attempt.id),
        back={"url": back, "label": "Back to the candidate"},
        subject=f"{subject}, scenario {link.position}",
        comment_for="your records (the candidate never sees it)",
    )
