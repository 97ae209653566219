"""Mentor review pages: the queue, the review of an attempt (its mentor writes, admins read),
a trainee's dispute of a reply, and a mentor's sign-off of a rank."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from werkzeug.datastructures import MultiDict

from trainer.access import roles, signed_in
from trainer.auth.models import Role
from trainer.database import db
from trainer.practice.models import Attempt, Reply
from trainer.practice.presenters import turns
from trainer.practice.services import scenario_of
from trainer.progress.routes import get_trainee_or_404
from trainer.progress.services import evaluate
from trainer.progress.sign_off import SignOffRefused, awaiting_sign_off, requires_sign_off, sign_off
from trainer.review import bp
from trainer.review.disputes import (
    RESOLUTIONS,
    DisputeRefused,
    dispute_of,
    disputes_of,
    open_dispute,
)
from trainer.review.forms import (
    DisputeForm,
    SignOffForm,
    field_name,
    new_form,
    read_review,
    stored_values,
)
from trainer.review.grades import attempt_review_of, effective_attempt, turn_reviews
from trainer.review.presenters import transcript_notes, turn_sections
from trainer.review.queue import QUEUE_FILTERS, disputed_ids, review_queue, reviewed_ids
from trainer.review.services import ReviewConflict, ReviewRejected, save_review

QUEUE_PAGE_SIZE = 25
CONFLICT = (
    "Someone else saved this review after you opened it, so nothing was saved. Their values "
    "are shown beside yours, and everything you typed is kept: check it, then save again to "
    "replace theirs."
)


def get_review_attempt_or_404(attempt_id: int, *, write: bool = False) -> Attempt:
    """The attempt if the signed-in user mentors its trainee, or (to read) is an admin; else 404.

    404 rather than 403, so nobody learns which attempts exist.
    """
    attempt = db.get_or_404(Attempt, attempt_id)
    if attempt.user is None:  # a hiring candidate's: graded from the hiring results
        abort(404)
    if attempt.user.mentor_id == current_user.id:
        return attempt
    if not write and current_user.role is Role.ADMIN:
        return attempt
    abort(404)


@bp.app_template_global()
def mentor_review(attempt: Attempt):
    """For the transcript: the saved review of this attempt, or None."""
    return transcript_notes(attempt)


def _render(attempt: Attempt, form, values: MultiDict | None, read_only: bool, page: dict,
            errors=None, conflict=None, status=200):
    """The review page; `values` None shows the stored review."""
    reviews = turn_reviews(attempt)
    if values is None:
        values = stored_values(attempt, reviews)
    sections = turn_sections([t for t in turns(attempt) if t.reply is not None], reviews)
    disputes = disputes_of(attempt)
    for section in sections:
        section.dispute = disputes.get(section.reply.id)
        section.errors = (errors or {}).get(section.reply.id, [])
        section.theirs = (conflict or {}).get(section.reply.id)
    return render_template(
        "review/attempt.html",
        attempt=attempt,
        scenario=scenario_of(attempt),
        sections=sections,
        form=form,
        values=values,
        overall_errors=(errors or {}).get(None, []),
        overall_theirs=(conflict or {}).get(None),
        conflict=conflict is not None,
        effective=effective_attempt(attempt, reviews),
        read_only=read_only,
        resolutions=RESOLUTIONS,
        **page,
    ), status


@bp.route("/attempts/<int:attempt_id>", methods=["GET", "POST"])
@signed_in
def attempt(attempt_id: int):
    attempt = get_review_attempt_or_404(attempt_id, write=request.method == "POST")
    if not attempt.finished:
        flash("An attempt can be reviewed once the trainee has finished it.", "info")
        return redirect(url_for("practice.transcript", attempt_id=attempt.id))
    return review_page(attempt, read_only=attempt.user.mentor_id != current_user.id)


def review_page(attempt: Attempt, read_only: bool, **page):
    """GET shows, POST saves the review of a finished attempt; `page` goes to the template
    (the hiring results pass their own form action, back link and subject)."""
    if request.method == "GET":
        return _render(attempt, new_form(attempt_review_of(attempt)), None, read_only, page)
    form = new_form(None, request.form)
    if not form.validate_on_submit():
        abort(400)
    data, errors = read_review(attempt, request.form)
    try:
        if errors:
            raise ReviewRejected(errors)
        changed = save_review(attempt, current_user, data)
    except ReviewRejected as rejected:
        flash("Nothing was saved: correct the fields marked below.", "error")
        return _render(attempt, form, request.form, read_only, page, errors=rejected.errors,
                       status=422)
    except ReviewConflict as conflict:
        values = MultiDict(request.form)
        for reply_id, version in conflict.versions.items():
            if reply_id is not None:
                values[field_name(reply_id, "version")] = str(version)
        form.attempt_version.data = str(conflict.versions[None])
        flash(CONFLICT, "error")
        return _render(attempt, form, values, read_only, page, conflict=conflict.current,
                       status=409)
    flash(f"Review saved ({changed} change{'' if changed == 1 else 's'}).", "success")
    return redirect(request.path)


@bp.route("")
@roles(Role.MENTOR)
def queue():
    chosen = [name for name in request.args.getlist("show") if name in QUEUE_FILTERS]
    page = db.paginate(
        review_queue(current_user, chosen), per_page=QUEUE_PAGE_SIZE, error_out=False
    )
    shown = [attempt.id for attempt in page.items]
    return render_template(
        "review/queue.html",
        page=page,
        chosen=chosen,
        filters=QUEUE_FILTERS,
        reviewed=reviewed_ids(shown),
        disputed=disputed_ids(shown),
        awaiting=awaiting_sign_off(current_user),
    )


def get_own_reply_or_404(reply_id: int) -> Reply:
    """A reply of the signed-in trainee's own attempt; 404 for anyone else's."""
    reply = db.get_or_404(Reply, reply_id)
    if reply.attempt.user_id != current_user.id:
        abort(404)
    return reply


@bp.route("/replies/<int:reply_id>/dispute", methods=["GET", "POST"])
@roles(Role.TRAINEE)
def dispute(reply_id: int):
    reply = get_own_reply_or_404(reply_id)
    attempt = reply.attempt
    back = url_for("practice.transcript", attempt_id=attempt.id, _anchor=f"turn-{reply.position}")
    if not attempt.finished or dispute_of(reply) is not None:
        flash("This reply can't be disputed now: see its transcript.", "info")
        return redirect(back)
    form = DisputeForm()
    status = 200
    if form.validate_on_submit():
        try:
            open_dispute(reply, current_user, form.reason.data)
        except DisputeRefused as refused:
            form.reason.errors = [str(refused)]
        else:
            flash("Your dispute was sent to your mentor; their answer will appear here.", "success")
            return redirect(back)
    if form.errors:
        status = 422
    turn = next(t for t in turns(attempt) if t.reply is not None and t.reply.id == reply.id)
    return render_template(
        "review/dispute.html", form=form, turn=turn, attempt=attempt,
        scenario=scenario_of(attempt), back=back,
    ), status


@bp.route("/trainees/<int:user_id>/sign-off", methods=["GET", "POST"])
@roles(Role.MENTOR)
def sign_off_rank(user_id: int):
    trainee = get_trainee_or_404(user_id)
    form = SignOffForm()
    status = 200
    if form.validate_on_submit():
        try:
            awards = sign_off(trainee, current_user, form.rank_id.data, form.comment.data)
        except SignOffRefused as refused:
            form.comment.errors = [str(refused)]
        else:
            awarded = "; ".join(f"{trainee.name} is now {award.rank_name}" for award in awards)
            flash(f"Signed off. {awarded or 'The rank follows with the next evaluation.'}",
                  "success")
            return redirect(url_for("progress.trainee_progress", user_id=trainee.id))
    if form.errors:
        status = 422
    evaluation = evaluate(trainee.id)
    if evaluation.standing.next is not None:
        form.rank_id.data = form.rank_id.data or evaluation.standing.next.id
    return render_template(
        "review/sign_off.html", trainee=trainee, form=form, standing=evaluation.standing,
        requires=requires_sign_off(evaluation),
    ), status
