from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_login import current_user
from flask_wtf.csrf import generate_csrf

from scoring import DEFAULT_PASS_RULE
from trainer.access import roles, signed_in
from trainer.answers import wants_json
from trainer.auth.models import Role, User
from trainer.bounds import page_number
from trainer.database import db
from trainer.errors import PAGE_EXPIRED_REPLY_KEPT
from trainer.extensions import csrf
from trainer.library.catalogue import get_current_version_or_404
from trainer.library.models import ScenarioVersion
from trainer.practice import bp
from trainer.practice.forms import AbandonForm, ReplyForm, SignalForm, StartForm
from trainer.practice.integrity import integrity_of, record_exam_signal
from trainer.practice.models import Attempt, AttemptMode
from trainer.practice.presenters import latest_turns, turns
from trainer.practice.services import (
    MAX_REPLY_CHARS,
    ReplyRejected,
    SubmitResult,
    abandon_attempt,
    attempts_of,
    current_step,
    get_attempt_or_404,
    in_progress_attempt,
    scenario_of,
    start_attempt,
    submit_reply,
)

HISTORY_PAGE_SIZE = 25

bp.add_app_template_global(integrity_of, "exam_integrity")


@bp.app_template_global()
def resumable_attempt(version: ScenarioVersion) -> Attempt | None:
    """For the scenario page: the signed-in trainee's unfinished attempt at this scenario."""
    if current_user.role is not Role.TRAINEE:
        return None
    return in_progress_attempt(current_user, version)


@bp.route("/start/<slug>", methods=["POST"])
@roles(Role.TRAINEE)
def start(slug: str):
    version = get_current_version_or_404(slug)
    form = StartForm()
    if not form.validate_on_submit():
        flash("Choose practice or exam mode to start.", "error")
        return redirect(url_for("library.detail", slug=slug))
    attempt = in_progress_attempt(current_user, version) or start_attempt(
        current_user, version, AttemptMode(form.mode.data)
    )
    return redirect(url_for("practice.play", attempt_id=attempt.id))


def _render_play(attempt: Attempt, form: ReplyForm, error: str | None = None, status: int = 200):
    step = current_step(attempt)
    if step is not None and not form.step_id.data:
        form.step_id.data = step.id
    context = {
        "attempt": attempt,
        "scenario": scenario_of(attempt),
        "turns": turns(attempt),
        "form": form,
        "error": error,
        "max_chars": MAX_REPLY_CHARS,
        "show_feedback": attempt.mode is AttemptMode.PRACTICE,
        "reply_limit": attempt.scenario_version.step_count,
    }
    if wants_json():
        return {
            "error": error,
            "finished": attempt.finished,
            "transcript_url": url_for("practice.transcript", attempt_id=attempt.id),
            "step_id": step.id if step else None,
            "html": render_template("practice/_conversation.html", **context),
        }, status
    return render_template(
        "practice/play.html", abandon_form=AbandonForm(formdata=None), **context
    ), status


@bp.route("/attempts/<int:attempt_id>")
@signed_in
def play(attempt_id: int):
    attempt = get_attempt_or_404(attempt_id)
    if not attempt.ongoing or attempt.user_id != current_user.id:
        return redirect(url_for("practice.transcript", attempt_id=attempt.id))
    return _render_play(attempt, ReplyForm(formdata=None))


@bp.route("/attempts/<int:attempt_id>/reply", methods=["POST"])
@csrf.exempt  # the form checks its own token, to show the reply again when it has expired
@roles(Role.TRAINEE)
def reply(attempt_id: int):
    attempt = get_attempt_or_404(attempt_id, write=True)
    form = ReplyForm()
    if not form.validate_on_submit():
        fresh = ReplyForm(formdata=None, text=form.text.data)
        return _render_play(attempt, fresh, error=PAGE_EXPIRED_REPLY_KEPT, status=400)
    try:
        result = submit_reply(attempt, form.step_id.data or "", form.text.data or "")
    except ReplyRejected as rejected:
        db.session.rollback()
        fresh = ReplyForm(formdata=None, text=form.text.data)
        return _render_play(attempt, fresh, error=str(rejected), status=422)
    if result.duplicate:
        flash("That reply had already been received; it was recorded once.", "info")
    if wants_json():
        return _reply_answer(attempt, result)
    if attempt.finished:
        return redirect(url_for("practice.transcript", attempt_id=attempt.id))
    return redirect(url_for("practice.play", attempt_id=attempt.id, _anchor="latest"))


def _reply_answer(attempt: Attempt, result: SubmitResult):
    """The script's answer to an accepted reply: only what the page lacks, not the whole chat.

    The page appends `turns` (the graded reply and the customer's next message) and takes the
    new step id and token; after a repeat its copy may be out of date, so it gets it all again.
    """
    if result.duplicate and not attempt.finished:
        return _render_play(attempt, ReplyForm(formdata=None))
    answer = {
        "error": None,
        "finished": attempt.finished,
        "transcript_url": url_for("practice.transcript", attempt_id=attempt.id),
        "step_id": attempt.current_step,
    }
    if not attempt.finished:  # a finished conversation's page goes to the transcript
        answer["csrf_token"] = generate_csrf()
        answer["turns"] = render_template(
            "practice/_turns.html",
            turns=latest_turns(attempt, result.reply),
            show_feedback=attempt.mode is AttemptMode.PRACTICE,
            show_times=False,
            show_model_answer=False,
            reply_limit=attempt.scenario_version.step_count,
        )
    return answer


@bp.route("/attempts/<int:attempt_id>/abandon", methods=["POST"])
@roles(Role.TRAINEE)
def abandon(attempt_id: int):
    """End the trainee's own ongoing attempt without a grade, once they confirmed it."""
    attempt = get_attempt_or_404(attempt_id, write=True)
    form = AbandonForm()
    if not (form.validate_on_submit() and form.confirm.data):
        flash("Nothing was abandoned: confirm with the button under the conversation.", "error")
        return redirect(url_for("practice.play", attempt_id=attempt.id))
    if abandon_attempt(attempt):
        flash("Attempt abandoned: it has no grade and counts for nothing. "
              "Its replies stay in your history.", "success")
    else:
        flash("This attempt had already ended; nothing was changed.", "info")
    return redirect(url_for("library.detail", slug=attempt.scenario_version.slug))


@bp.route("/attempts/<int:attempt_id>/signal", methods=["POST"])
@roles(Role.TRAINEE)
def signal(attempt_id: int):
    """A paste or a left tab during the trainee's own exam; ignored once it has ended."""
    attempt = get_attempt_or_404(attempt_id, write=True)
    form = SignalForm()
    if not form.validate_on_submit():
        return {"error": "unknown signal"}, 422
    record_exam_signal(attempt, form.kind.data, form.size.data)
    return "", 204


@bp.route("/attempts/<int:attempt_id>/transcript")
@signed_in
def transcript(attempt_id: int):
    attempt = get_attempt_or_404(attempt_id)
    if attempt.ongoing and attempt.user_id == current_user.id:
        return redirect(url_for("practice.play", attempt_id=attempt.id))
    return render_template(
        "practice/transcript.html",
        pass_rule=DEFAULT_PASS_RULE,
        attempt=attempt,
        scenario=scenario_of(attempt),
        # A finished conversation ends with the customer's closing message, if it has one.
        turns=[turn for turn in turns(attempt) if turn.reply is not None or attempt.finished],
    )


def _history(user: User):
    page = db.paginate(
        attempts_of(user), page=page_number(), per_page=HISTORY_PAGE_SIZE, error_out=False
    )
    return render_template("practice/history.html", trainee=user, page=page)


@bp.route("/history")
@roles(Role.TRAINEE)
def history():
    return _history(current_user)


@bp.route("/team/<int:user_id>/history")
@roles(Role.MENTOR)
def team_history(user_id: int):
    trainee = db.get_or_404(User, user_id)
    if trainee.mentor_id != current_user.id:
        abort(404)
    return _history(trainee)
