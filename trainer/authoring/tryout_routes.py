"""Trying a draft: playing it in practice mode, scoring sample replies, grading its examples."""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_login import current_user
from wtforms import SelectChoice

from scoring.format import Scenario
from trainer.access import authors
from trainer.authoring import bp
from trainer.authoring.checking import check_draft, draft_file_name, grade_examples
from trainer.authoring.drafts import get_draft_or_404
from trainer.authoring.forms import PlainForm, ReplyForm, SampleForm
from trainer.authoring.models import ScenarioDraft
from trainer.authoring.tryout import (
    reply_to_tryout,
    sample_turn,
    start_tryout,
    tryout_of,
    tryout_turns,
)
from trainer.practice.services import MAX_REPLY_CHARS, ReplyRejected


def _step_choices(scenario: Scenario) -> list[SelectChoice]:
    """The steps that take a reply."""
    return [SelectChoice(step.id, step.id) for step in scenario.steps if not step.closing]


def _render_try(draft: ScenarioDraft, *, reply_form=None, sample_form=None, sample=None,
                error: str | None = None, sample_error: str | None = None, status: int = 200):
    check = check_draft(draft.text, draft_file_name(draft.slug))
    examples = None
    if sample_form is None:
        sample_form = SampleForm()
    if check.scenario is not None and check.source is not None:
        sample_form.step.choices = _step_choices(check.scenario)
        examples = grade_examples(check.scenario, check.source)
    tryout = tryout_of(draft, current_user)
    stale = bool(tryout and check.scenario and tryout.body != check.scenario.model_dump(
        mode="json", by_alias=True))
    return render_template(
        "authoring/try.html", draft=draft, check=check, tryout=tryout,
        turns=tryout_turns(tryout) if tryout else [], reply_form=reply_form or ReplyForm(),
        start_form=PlainForm(), sample_form=sample_form, sample=sample, examples=examples,
        error=error, sample_error=sample_error, max_chars=MAX_REPLY_CHARS, stale=stale,
    ), status


@bp.route("/drafts/<int:draft_id>/try")
@authors
def try_draft(draft_id: int):
    return _render_try(get_draft_or_404(draft_id))


@bp.route("/drafts/<int:draft_id>/try/start", methods=["POST"])
@authors
def start_try(draft_id: int):
    """A new run of the draft as saved now; a draft that does not load cannot be played."""
    draft = get_draft_or_404(draft_id)
    check = check_draft(draft.text, draft_file_name(draft.slug))
    if not PlainForm().validate_on_submit():
        flash("This page had been open too long: start again.", "error")
    elif check.scenario is None:
        flash("The draft has errors: fix them in the editor, then try it.", "error")
    else:
        start_tryout(draft, current_user, check.scenario)
    return redirect(url_for("authoring.try_draft", draft_id=draft.id, _anchor="conversation"))


@bp.route("/drafts/<int:draft_id>/try/reply", methods=["POST"])
@authors
def try_reply(draft_id: int):
    draft = get_draft_or_404(draft_id)
    form = ReplyForm()
    tryout = tryout_of(draft, current_user)
    if not form.validate_on_submit() or tryout is None:
        return _render_try(draft, reply_form=form, status=422,
                           error="Start the try-out first, then send your reply.")
    try:
        reply_to_tryout(tryout, form.reply.data or "")
    except ReplyRejected as rejected:
        return _render_try(draft, reply_form=form, error=str(rejected), status=422)
    return redirect(url_for("authoring.try_draft", draft_id=draft.id, _anchor="conversation"))


@bp.route("/drafts/<int:draft_id>/try/sample", methods=["POST"])
@authors
def try_sample(draft_id: int):
    """Score a sample reply against any step of the draft and show the whole card."""
    draft = get_draft_or_404(draft_id)
    check = check_draft(draft.text, draft_file_name(draft.slug))
    form = SampleForm()
    if check.scenario is not None:
        form.step.choices = _step_choices(check.scenario)
    if check.scenario is None or not form.validate_on_submit():
        return _render_try(draft, sample_form=form, status=422,
                           sample_error="Choose a step of a draft without errors.")
    try:
        sample = sample_turn(check.scenario.step(form.step.data), form.reply.data or "")
    except ReplyRejected as rejected:
        return _render_try(draft, sample_form=form, sample_error=str(rejected), status=422)
    return _render_try(draft, sample_form=form, sample=sample)
