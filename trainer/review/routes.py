"""Mentor review pages: the queue, the review of an attempt (its mentor writes, admins read),
a trainee's dispute of a reply, and a mentor's sign-off of a rank."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user

from trainer.access import roles, signed_in
from trainer.auth.models import Role
from trainer.bounds import page_number
from trainer.database import db
from trainer.practice.models import Attempt
from trainer.practice.presenters import turns
from trainer.practice.services import scenario_of
from trainer.progress.services import evaluate, get_trainee_or_404
from trainer.progress.sign_off import SignOffRefused, awaiting_sign_off, requires_sign_off, sign_off
from trainer.review import bp
from trainer.review.disputes import (
    DisputeRefused,
    dispute_of,
    open_dispute,
)
from trainer.review.forms import (
    DisputeForm,
    SignOffForm,
)
from trainer.review.grades import listed_grades
from trainer.review.pages import review_page
from trainer.review.presenters import transcript_notes
from trainer.review.queue import (
    QUEUE_FILTERS,
    disputed_ids,
    next_waiting,
    review_queue,
    reviewed_ids,
)
from trainer.review.services import (
    get_own_reply_or_404,
    get_review_attempt_or_404,
)

QUEUE_PAGE_SIZE = 25


bp.add_app_template_global(listed_grades)


@bp.app_template_global()
def mentor_review(attempt: Attempt):
    """For the transcript: the saved review of this attempt, or None."""
    return transcript_notes(attempt)


@bp.route("/attempts/<int:attempt_id>", methods=["GET", "POST"])
@signed_in
def attempt(attempt_id: int):
    attempt = get_review_attempt_or_404(attempt_id, write=request.method == "POST")
    if not attempt.finished:
        flash("An attempt can be reviewed once the trainee has finished it.", "info")
        return redirect(url_for("practice.transcript", attempt_id=attempt.id))
    read_only = attempt.user.mentor_id != current_user.id
    return review_page(attempt, read_only=read_only,
                       next_review=lambda saved: next_waiting(current_user, saved))


@bp.route("")
@roles(Role.MENTOR)
def queue():
    chosen = [name for name in request.args.getlist("show") if name in QUEUE_FILTERS]
    page = db.paginate(
        review_queue(current_user, chosen), page=page_number(), per_page=QUEUE_PAGE_SIZE,
        error_out=False,
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
