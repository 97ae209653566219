from __future__ import annotations

import re

from flask import (
    Response,
    flash,
    has_request_context,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_login import current_user
from markupsafe import Markup

from trainer.access import public, roles, signed_in
from trainer.auth.models import Role, User
from trainer.database import db
from trainer.extensions import limiter
from trainer.progress import bp
from trainer.progress.charts import pattern_legend, scores_over_time
from trainer.progress.forms import RevokeForm
from trainer.progress.models import RankAward
from trainer.progress.pdf import CertificateText, certificate_pdf, unicode_font
from trainer.progress.presenters import SORT_KEYS, build_dashboard, sorted_entries, team_entries
from trainer.progress.queries import catalogue_entries, certifies, earned_with, team_rows
from trainer.progress.services import (
    RevokeRefused,
    current_ladder,
    evaluate,
    evaluate_and_award,
    get_award_or_404,
    get_trainee_or_404,
    revoke,
)
from trainer.progress.sign_off import may_sign_off
from trainer.signals import rank_awarded

FOLLOWERS = (Role.MENTOR, Role.MANAGER, Role.ADMIN)

bp.add_app_template_global(certifies, "certifying")
bp.add_app_template_global(earned_with)
VERIFY_LIMIT = "30 per minute"


@rank_awarded.connect
def announce_promotion(sender, award: RankAward, **extra) -> None:
    """Tell the trainee on their next page that they were promoted (only them)."""
    if not has_request_context() or not current_user.is_authenticated:
        return
    if current_user.id == award.user_id:
        message = Markup('You reached the rank of <strong>{}</strong>. <a href="{}">See your '
                         "certificate</a>.").format(
            award.rank_name, url_for("progress.certificate", award_id=award.id))
        flash(message, "success")


def _dashboard(trainee: User):
    evaluation = evaluate(trainee.id)
    if evaluation.standing.promotion_due:
        evaluate_and_award(trainee)
        evaluation = evaluate(trainee.id)
    dashboard = build_dashboard(evaluation, catalogue_entries())
    chart = scores_over_time(tuple(dashboard.series)) if dashboard.series else None
    return render_template("progress/dashboard.html", trainee=trainee, dashboard=dashboard,
                           chart=chart, pattern_legend=pattern_legend(),
                           may_sign_off=may_sign_off(current_user, trainee, evaluation))


@bp.route("/progress")
@roles(Role.TRAINEE)
def dashboard():
    return _dashboard(current_user)


@bp.route("/trainees/<int:user_id>/progress")
@roles(*FOLLOWERS)
def trainee_progress(user_id: int):
    return _dashboard(get_trainee_or_404(user_id))


@bp.route("/trainees")
@roles(*FOLLOWERS)
def team():
    ladder = current_ladder()
    sort = request.args.get("sort", "name")
    sort = sort if sort in SORT_KEYS else "name"
    descending = request.args.get("order", "desc" if sort != "name" else "asc") == "desc"
    entries = sorted_entries(team_entries(ladder, team_rows(current_user)), sort, descending)
    return render_template("progress/team.html", entries=entries, sort=sort,
                           descending=descending, stale=any(e.stale for e in entries))


def _certificate_page(award: RankAward, form: RevokeForm, status: int = 200):
    verify_url = url_for("progress.verify", code=award.verification_code, _external=True)
    return render_template("progress/certificate.html", award=award, form=form,
                           verify_url=verify_url), status


@bp.route("/certificates/<int:award_id>")
@signed_in
def certificate(award_id: int):
    return _certificate_page(get_award_or_404(award_id), RevokeForm(formdata=None))


@bp.route("/certificates/<int:award_id>.pdf")
@signed_in
def certificate_pdf_download(award_id: int):
    award = get_award_or_404(award_id)
    text = CertificateText(
        name=award.user.name,
        rank=award.rank_name,
        awarded_at=award.awarded_at,
        code=award.verification_code,
        verify_url=url_for("progress.verify", code=award.verification_code, _external=True),
        revoked=not award.valid,
    )
    filename = re.sub(r"[^a-z0-9]+", "-", f"frontline {award.rank_id} {award.user.name}".lower())
    return Response(
        certificate_pdf(text, unicode_font()),
        mimetype="application/pdf",
        headers={"Content-Disposition": f'attachment; filename="{filename.strip("-")}.pdf"'},
    )


@bp.route("/certificates/<int:award_id>/revoke", methods=["POST"])
@roles(Role.ADMIN)
def revoke_certificate(award_id: int):
    award = get_award_or_404(award_id)
    form = RevokeForm()
    if not form.validate_on_submit():
        return _certificate_page(award, form, status=422)
    try:
        revoke(award, current_user, form.reason.data or "")
    except RevokeRefused as refused:
        db.session.rollback()
        flash(str(refused), "error")
        return _certificate_page(award, form, status=422)
    flash("Certificate revoked. Its verification page now says so.", "success")
    return redirect(url_for("progress.certificate", award_id=award.id))


@bp.route("/verify")
@public
def verify_lookup():
    """A form to type a verification code; sends the visitor to that code's page."""
    code = (request.args.get("code") or "").strip()
    if code:
        return redirect(url_for("progress.verify", code=code))
    return render_template("progress/verify.html", award=None, code=None)


@bp.route("/verify/<code>")
@public
@limiter.limit(VERIFY_LIMIT)
def verify(code: str):
    """Name, rank, date, valid or revoked, and the attempts that earned it: nothing else, to
    anyone who has the code."""
    award = db.session.execute(
        db.select(RankAward).where(RankAward.verification_code == code)
    ).scalar_one_or_none()
    page = render_template("progress/verify.html", award=award, code=code)
    return page, (200 if award else 404)
