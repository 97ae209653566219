"""The review page of one attempt, shown and saved alike for a mentor's review and a hiring
manager's manual grading (which passes its own form action, back link and subject)."""

from __future__ import annotations

from collections.abc import Callable

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from werkzeug.datastructures import MultiDict

from trainer.practice.models import Attempt
from trainer.practice.presenters import turns
from trainer.practice.services import scenario_of
from trainer.review.disputes import RESOLUTIONS, disputes_of
from trainer.review.forms import field_name, new_form, read_review, stored_values
from trainer.review.grades import attempt_review_of, effective_attempt, turn_reviews
from trainer.review.presenters import turn_sections
from trainer.review.services import ReviewConflict, ReviewRejected, save_review

CONFLICT = (
    "Someone else saved this review after you opened it, so nothing was saved. Their values "
    "are shown beside yours, and everything you typed is kept: check it, then save again to "
    "replace theirs."
)


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


def review_page(attempt: Attempt, read_only: bool,
                next_review: Callable[[Attempt], Attempt | None] | None = None, **page):
    """GET shows, POST saves the review of a finished attempt; `page` goes to the template
    (the hiring results pass their own form action, back link and subject). After a save,
    `next_review` picks the attempt to review next, whose page follows."""
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
    saved = f"Review saved ({changed} change{'' if changed == 1 else 's'})."
    following = next_review(attempt) if next_review else None
    if following is None:
        waiting = " Nothing else waits in your review queue." if next_review else ""
        flash(saved + waiting, "success")
        return redirect(request.path)
    flash(f"{saved} Next in your queue: {following.scenario_version.title}, "
          f"{following.user.name}.", "success")
    return redirect(url_for("review.attempt", attempt_id=following.id))
