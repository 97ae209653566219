"""The candidate's pages, reached only through their personal link (no account, no sign-in).

Every view opens the link first; a bad, withdrawn or expired link gets a page that says so.
Nothing of a scenario's expectations (points, facts, model answers, scores) is rendered here.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import current_app, flash, redirect, render_template, request, session, url_for

from trainer.access import public
from trainer.database import db
from trainer.errors import PAGE_EXPIRED_REPLY_KEPT
from trainer.extensions import csrf, limiter
from trainer.hiring import bp
from trainer.hiring.exam import (
    LinkRefused,
    Refusal,
    TimeUp,
    current_scenario,
    open_link,
    remaining_seconds,
    start_test,
    submit_answer,
)
from trainer.hiring.forms import ActionForm, CandidateReplyForm, CandidateSignalForm
from trainer.hiring.models import Candidate, CandidateAttempt
from trainer.hiring.results import shared_result
from trainer.hiring.signals import record_signal
from trainer.hiring.tokens import token_hash
from trainer.practice.presenters import turns
from trainer.practice.services import (
    MAX_REPLY_CHARS,
    ReplyRejected,
    conversation,
    current_step,
    scenario_of,
)

REFUSALS = {
    Refusal.UNKNOWN: (404, "This link does not work",
                      "Check that you copied the whole link. A link stops working when the hiring "
                      "manager sends a new one; ask them if you need it."),
    Refusal.REVOKED: (410, "This link was withdrawn",
                      "The hiring manager withdrew this link. If you think this is a mistake, "
                      "ask them for a new one."),
    Refusal.EXPIRED: (410, "This link has expired",
                      "The test could be started until {expiry:%Y-%m-%d %H:%M} UTC. Ask the hiring "
                      "manager if you would still like to take it."),
}


@dataclass(frozen=True)
class Countdown:
    """The time left as the test page shows it: a warning colour in the last minutes, danger in
    the last one. The page's script takes over from these figures and announces both moments."""

    remaining: int  # seconds
    warning_at: int = 5 * 60
    danger_at: int = 60

    @property
    def state(self) -> str:
        if self.remaining <= self.danger_at:
            return "danger"
        return "warning" if self.remaining <= self.warning_at else "normal"


def _link_key() -> str:
    return "hiring-link:" + token_hash((request.view_args or {}).get("token", ""))


# Per link, across the candidate's pages; and per address, counting only unknown links.
per_link = limiter.shared_limit(
    lambda: current_app.config["HIRING_LINK_LIMIT"], scope="hiring-link", key_func=_link_key
)
per_address = limiter.shared_limit(
    lambda: current_app.config["HIRING_BAD_LINK_LIMIT"], scope="hiring-bad-link",
    deduct_when=lambda response: response.status_code == 404,
)


def candidate_page(rule: str, **options):
    """A route of the candidate's: public (the link is the credential) and rate-limited."""
    def decorate(view):
        return bp.route(rule, **options)(public(per_address(per_link(view))))

    return decorate


@bp.errorhandler(LinkRefused)
def _link_refused(refused: LinkRefused):
    status, title, message = REFUSALS[refused.reason]
    if refused.candidate is not None:
        message = message.format(expiry=refused.candidate.assignment.expires_at)
    page = render_template("hiring/link_refused.html", title=title, message=message)
    return page, status


@bp.after_request
def _keep_links_private(response):
    """Pages holding a personal link are neither cached nor named to other sites. The app itself
    still gets the Referer: over HTTPS its CSRF check requires one from the same site."""
    response.headers["Referrer-Policy"] = "same-origin"
    response.headers["Cache-Control"] = "no-store"
    return response


@candidate_page("/test/<token>")
def landing(token: str):
    candidate = open_link(token)
    if candidate.closed:
        return redirect(url_for("hiring.done", token=token))
    return render_template(
        "hiring/landing.html", candidate=candidate, assignment=candidate.assignment, token=token,
        form=ActionForm(), remaining=remaining_seconds(candidate),
    )


@candidate_page("/test/<token>/start", methods=["POST"])
def start(token: str):
    candidate = open_link(token)
    if candidate.closed:
        return redirect(url_for("hiring.done", token=token))
    start_test(candidate)
    # The session cookie (and the forms' tokens with it) lives 12 hours from its last change:
    # counted from the start, that covers the longest test however long the landing page was open.
    session.modified = True
    return redirect(url_for("hiring.play", token=token))


def _render_play(candidate: Candidate, scenario: CandidateAttempt, token: str,
                 form: CandidateReplyForm, error: str | None = None, status: int = 200):
    attempt = conversation(scenario.attempt_id)
    step = current_step(attempt)
    form.position.data = scenario.position
    if step is not None and not form.step_id.data:
        form.step_id.data = step.id
    page = render_template(
        "hiring/play.html", candidate=candidate, token=token, attempt=attempt,
        scenario=scenario_of(attempt), position=scenario.position, total=len(candidate.plan),
        turns=turns(attempt), form=form, error=error, max_chars=MAX_REPLY_CHARS,
        countdown=Countdown(remaining_seconds(candidate)),
        signal_form=CandidateSignalForm(formdata=None),
    )
    return page, status


@candidate_page("/test/<token>/play")
def play(token: str):
    candidate = open_link(token)
    if not candidate.started:
        return redirect(url_for("hiring.landing", token=token))
    scenario = current_scenario(candidate)
    if scenario is None:
        return redirect(url_for("hiring.done", token=token))
    return _render_play(candidate, scenario, token, CandidateReplyForm(formdata=None))


def _page_expired(candidate: Candidate, token: str, text: str | None):
    """The play page again with the unsent reply and a fresh token (nothing is recorded)."""
    scenario = current_scenario(candidate)
    if scenario is None:
        return redirect(url_for("hiring.done", token=token))
    fresh = CandidateReplyForm(formdata=None, text=text)
    return _render_play(candidate, scenario, token, fresh, error=PAGE_EXPIRED_REPLY_KEPT,
                        status=400)


@candidate_page("/test/<token>/reply", methods=["POST"])
@csrf.exempt  # the form checks its own token, to show the reply again when it has expired
def reply(token: str):
    candidate = open_link(token)
    if not candidate.started:
        return redirect(url_for("hiring.landing", token=token))
    form = CandidateReplyForm()
    if not form.validate_on_submit() and form.csrf_token.errors:
        return _page_expired(candidate, token, form.text.data)
    try:
        answer = submit_answer(
            candidate, form.position.data or 0, form.step_id.data or "", form.text.data or ""
        )
    except TimeUp as late:
        return render_template("hiring/done.html", candidate=candidate, error=str(late),
                               unsent=form.text.data, result=shared_result(candidate)), 409
    except ReplyRejected as rejected:
        db.session.rollback()
        scenario = current_scenario(candidate)
        if scenario is None:
            flash(str(rejected), "error")
            return redirect(url_for("hiring.done", token=token))
        fresh = CandidateReplyForm(formdata=None, text=form.text.data)
        return _render_play(candidate, scenario, token, fresh, error=str(rejected), status=422)
    if answer.result.duplicate:
        flash("That reply had already been received; it was recorded once.", "info")
    if current_scenario(candidate) is None:
        return redirect(url_for("hiring.done", token=token))
    return redirect(url_for("hiring.play", token=token, _anchor="latest"))


@candidate_page("/test/<token>/signal", methods=["POST"])
def signal(token: str):
    candidate = open_link(token)
    form = CandidateSignalForm()
    if not form.validate_on_submit():
        return {"error": "unknown signal"}, 422
    record_signal(candidate, form.kind.data, form.position.data, form.size.data)
    return "", 204


@candidate_page("/test/<token>/done")
def done(token: str):
    candidate = open_link(token)
    if not candidate.closed:
        target = "hiring.play" if candidate.started else "hiring.landing"
        return redirect(url_for(target, token=token))
    return render_template("hiring/done.html", candidate=candidate,
                           result=shared_result(candidate))
