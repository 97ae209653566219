"""The calibration page, the export of reviewed turns, and the calibration sessions."""

from __future__ import annotations

from flask import (
    Response,
    abort,
    flash,
    redirect,
    render_template,
    request,
    stream_with_context,
    url_for,
)
from flask_login import current_user
from werkzeug.datastructures import MultiDict

from trainer.access import roles
from trainer.auth.models import Role
from trainer.bounds import db_int
from trainer.calibration import bp
from trainer.calibration.agreement import BAND_NAMES
from trainer.calibration.charts import agreement_over_time
from trainer.calibration.export import export_lines
from trainer.calibration.forms import CloseForm, GradingForm, SessionForm, read_grades
from trainer.calibration.models import CalibrationSession
from trainer.calibration.services import overview as agreement_overview
from trainer.calibration.sessions import (
    GradingClosed,
    SessionRejected,
    active_mentors,
    close_session,
    create_session,
    get_session_or_404,
    member_of,
    recent_transcripts,
    results,
    sessions_for,
    submit_grades,
)
from trainer.practice.presenters import turns
from trainer.progress.charts import pattern_legend
from trainer.review.forms import OPTIONS, field_name
from trainer.review.presenters import KIND_LABELS

EXPORT_NAME = "reviewed-turns.jsonl"


@bp.route("")
@roles(Role.MENTOR, Role.MANAGER, Role.ADMIN)
def overview():
    data = agreement_overview(current_user)
    return render_template(
        "calibration/overview.html",
        overview=data,
        chart=agreement_over_time(data.series) if data.series else None,
        pattern_legend=pattern_legend(),
        bands=BAND_NAMES,
        kind_labels=KIND_LABELS,
    )


@bp.route("/export.jsonl")
@roles(Role.MANAGER, Role.ADMIN)
def export():
    """All reviewed turns (`?corrected=only`: the corrected ones) as a JSON lines download."""
    lines = export_lines(corrected_only=request.args.get("corrected") == "only")
    return Response(
        stream_with_context(lines),
        mimetype="application/x-ndjson",
        headers={"Content-Disposition": f'attachment; filename="{EXPORT_NAME}"'},
    )


@bp.route("/sessions")
@roles(Role.MENTOR, Role.ADMIN)
def sessions():
    return render_template("calibration/sessions.html", sessions=sessions_for(current_user))


@bp.route("/sessions/new", methods=["GET", "POST"])
@roles(Role.ADMIN)
def new_session():
    form = SessionForm()
    chosen = request.args.get("attempt", type=db_int)
    form.attempt_id.choices = [
        (attempt.id, f"#{attempt.id} · {attempt.scenario_version.title} · {attempt.user.name} · "
                     f"{attempt.finished_at:%Y-%m-%d %H:%M}")
        for attempt in recent_transcripts(chosen or form.attempt_id.data)
    ]
    form.mentor_ids.choices = [(mentor.id, mentor.name) for mentor in active_mentors()]
    if request.method == "GET" and chosen:
        form.attempt_id.data = chosen
    if form.validate_on_submit():
        try:
            session = create_session(current_user, form.attempt_id.data, form.mentor_ids.data,
                                     form.title.data or "")
        except SessionRejected as rejected:
            getattr(form, rejected.field).errors.append(str(rejected))
        else:
            flash(f"Session started with {len(session.members)} mentors.", "success")
            return redirect(url_for("calibration.session_page", session_id=session.id))
    status = 422 if form.errors else 200
    return render_template("calibration/new_session.html", form=form), status


def _render_session(session: CalibrationSession, values: MultiDict, errors=None, status=200):
    member = member_of(session, current_user)
    grading = (member is not None and member.submitted_at is None
               and session.closed_at is None)
    replies = list(session.attempt.replies)
    page = render_template(
        "calibration/session.html",
        session=session,
        member=member,
        grading=grading,
        turns=[turn for turn in turns(session.attempt) if turn.reply is not None],
        form=GradingForm(formdata=None),
        close_form=CloseForm(formdata=None),
        values=values,
        errors=errors or {},
        results=results(session) if session.revealed else None,
        submitted=sum(1 for m in session.members if m.submitted_at),
        own={grade.reply_id: grade for grade in member.grades} if member else {},
        options=OPTIONS,
        field_name=field_name,
        replies=replies,
    )
    return page, status


@bp.route("/sessions/<int:session_id>", methods=["GET", "POST"])
@roles(Role.MENTOR, Role.ADMIN)
def session_page(session_id: int):
    """A member grades here until they submit; then waits, then sees the results."""
    session = get_session_or_404(session_id)
    if request.method == "GET":
        return _render_session(session, MultiDict())
    member = member_of(session, current_user)
    if member is None:
        abort(404)
    if not GradingForm().validate_on_submit():
        abort(400)
    grades, errors = read_grades(list(session.attempt.replies), request.form)
    if errors:
        flash("Nothing was submitted: fill in the fields marked below.", "error")
        return _render_session(session, request.form, errors, status=422)
    try:
        submit_grades(member, grades)
    except GradingClosed:
        flash("Your grades were not taken: you had already submitted, or the session was "
              "closed.", "error")
    else:
        flash("Your grades are submitted.", "success")
    return redirect(url_for("calibration.session_page", session_id=session.id))


@bp.route("/sessions/<int:session_id>/close", methods=["POST"])
@roles(Role.ADMIN)
def close(session_id: int):
    session = get_session_or_404(session_id)
    if not CloseForm().validate_on_submit():
        abort(400)
    close_session(session)
    flash("Session closed: everyone now sees the grades.", "success")
    return redirect(url_for("calibration.session_page", session_id=session.id))
